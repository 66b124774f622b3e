import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** The four faces of a family; a missing face falls back to `regular`. */
export interface FontFaces {
  regular: string
  bold?: string
  italic?: string
  boldItalic?: string
}

/** Names of the font families cablekit ships with, all from npm packages under open licences (SIL OFL or the DejaVu licence). */
export type FontFamilyName = 'serif' | 'mono' | 'arabic' | 'fallback' | 'fallbackMono'

function resolve(specifier: string): string {
  return require.resolve(specifier)
}

/**
 * Absolute paths of the TrueType files of each family, resolved from their npm
 * packages: Noto Serif (body serif), Courier Prime (typewriter), Noto Naskh
 * Arabic (Arabic), DejaVu Sans and Sans Mono (fallback for anything the others
 * lack). TTF rather than WOFF2: pdfkit cannot read WOFF2, and DOCX embeds TTF.
 */
export function fontFiles(): Record<FontFamilyName, FontFaces> {
  return {
    serif: {
      regular: resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
      bold: resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'),
      italic: resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
      boldItalic: resolve('@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf'),
    },
    mono: {
      regular: resolve('@expo-google-fonts/courier-prime/400Regular/CourierPrime_400Regular.ttf'),
      bold: resolve('@expo-google-fonts/courier-prime/700Bold/CourierPrime_700Bold.ttf'),
      italic: resolve('@expo-google-fonts/courier-prime/400Regular_Italic/CourierPrime_400Regular_Italic.ttf'),
      boldItalic: resolve('@expo-google-fonts/courier-prime/700Bold_Italic/CourierPrime_700Bold_Italic.ttf'),
    },
    arabic: {
      regular: resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
      bold: resolve('@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf'),
    },
    fallback: {
      regular: resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      bold: resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
      italic: resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
      boldItalic: resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf'),
    },
    fallbackMono: {
      regular: resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
      bold: resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf'),
    },
  }
}
