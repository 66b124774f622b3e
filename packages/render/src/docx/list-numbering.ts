import { WML_ROOT_ATTRIBUTES, XML_DECLARATION } from './wml-namespaces.js'

/** Word numbers list levels 0 to 8. */
const MAX_LIST_LEVEL = 8

/** Bullet characters per level; the en dash is the bullet of the French ministerial cables themselves. */
const BULLETS = ['–', '•', '–', '•', '–', '•', '–', '•', '–'] as const
/** Number format and the character after the number, per level (cycling every three levels). */
const ORDERED_FORMATS = [
  { format: 'decimal', suffix: '.' },
  { format: 'lowerLetter', suffix: ')' },
  { format: 'lowerRoman', suffix: '.' },
] as const

/** Left indent of list level `level` in twips; the number or bullet hangs 360 twips to its left. */
export function listLevelIndent(level: number): number {
  return 360 * (level + 1) + 80
}

/** A list depth clamped to Word's nine levels. */
export function clampListLevel(depth: number): number {
  return Math.min(Math.max(depth, 0), MAX_LIST_LEVEL)
}

const BULLET_ABSTRACT = 1
const ORDERED_ABSTRACT = 2

function level(index: number, format: string, text: string): string {
  return (
    `<w:lvl w:ilvl="${index}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/>` +
    `<w:pPr><w:ind w:left="${listLevelIndent(index)}" w:hanging="360"/></w:pPr></w:lvl>`
  )
}

function abstractNum(id: number, levels: string): string {
  return `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="hybridMultilevel"/>${levels}</w:abstractNum>`
}

// The two list definitions are the same in every document: written once per process.
const ABSTRACT_NUMS =
  abstractNum(BULLET_ABSTRACT, BULLETS.map((bullet, index) => level(index, 'bullet', bullet)).join('')) +
  abstractNum(
    ORDERED_ABSTRACT,
    Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, index) => {
      const { format, suffix } = ORDERED_FORMATS[index % ORDERED_FORMATS.length]!
      return level(index, format, `%${index + 1}${suffix}`)
    }).join(''),
  )

/**
 * The numbering instances of one document (`word/numbering.xml`): bulleted
 * lists share one instance (bullets do not count); each numbered list gets
 * its own, restarting every level, with its first level starting at the
 * Markdown list's start (`3.` …).
 */
export class ListNumbering {
  private readonly nums: string[] = []
  private bulletId: number | undefined

  /** The numbering instance of bulleted lists. */
  bullet(): number {
    if (this.bulletId === undefined) {
      this.nums.push(`<w:abstractNumId w:val="${BULLET_ABSTRACT}"/>`)
      this.bulletId = this.nums.length
    }
    return this.bulletId
  }

  /** A new numbering instance for a numbered list starting at `start`. */
  ordered(start: number): number {
    const first = Number.isSafeInteger(start) && start >= 0 ? start : 1
    let overrides = ''
    for (let index = 0; index <= MAX_LIST_LEVEL; index++)
      overrides += `<w:lvlOverride w:ilvl="${index}"><w:startOverride w:val="${index === 0 ? first : 1}"/></w:lvlOverride>`
    this.nums.push(`<w:abstractNumId w:val="${ORDERED_ABSTRACT}"/>${overrides}`)
    return this.nums.length
  }

  /** The `word/numbering.xml` part. */
  xml(): string {
    let xml = `${XML_DECLARATION}<w:numbering ${WML_ROOT_ATTRIBUTES}>${ABSTRACT_NUMS}`
    this.nums.forEach((body, index) => {
      xml += `<w:num w:numId="${index + 1}">${body}</w:num>`
    })
    return `${xml}</w:numbering>`
  }
}
