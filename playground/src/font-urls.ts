// The shipped font files, bundled as same-origin assets: the renderer asks for
// them by package specifier (see packages/render/src/fonts/browser-fonts.ts),
// and a test checks that this list names every file `fontFiles()` names.
import courierBold from '@expo-google-fonts/courier-prime/700Bold/CourierPrime_700Bold.ttf?url'
import courierBoldItalic from '@expo-google-fonts/courier-prime/700Bold_Italic/CourierPrime_700Bold_Italic.ttf?url'
import courierItalic from '@expo-google-fonts/courier-prime/400Regular_Italic/CourierPrime_400Regular_Italic.ttf?url'
import courierRegular from '@expo-google-fonts/courier-prime/400Regular/CourierPrime_400Regular.ttf?url'
import naskhBold from '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf?url'
import naskhRegular from '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf?url'
import serifBold from '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf?url'
import serifBoldItalic from '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf?url'
import serifItalic from '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf?url'
import serifRegular from '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf?url'
import dejavuBold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url'
import dejavuBoldOblique from 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf?url'
import dejavuMono from 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf?url'
import dejavuMonoBold from 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf?url'
import dejavuOblique from 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf?url'
import dejavuRegular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'

/** The URL of each font file, by the package specifier the renderer resolves. */
export const FONT_URLS: Readonly<Record<string, string>> = {
  '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf': serifRegular,
  '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf': serifBold,
  '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf': serifItalic,
  '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf': serifBoldItalic,
  '@expo-google-fonts/courier-prime/400Regular/CourierPrime_400Regular.ttf': courierRegular,
  '@expo-google-fonts/courier-prime/700Bold/CourierPrime_700Bold.ttf': courierBold,
  '@expo-google-fonts/courier-prime/400Regular_Italic/CourierPrime_400Regular_Italic.ttf': courierItalic,
  '@expo-google-fonts/courier-prime/700Bold_Italic/CourierPrime_700Bold_Italic.ttf': courierBoldItalic,
  '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf': naskhRegular,
  '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf': naskhBold,
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf': dejavuRegular,
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf': dejavuBold,
  'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf': dejavuOblique,
  'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf': dejavuBoldOblique,
  'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf': dejavuMono,
  'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf': dejavuMonoBold,
}
