import { isFrenchHeaderLine } from './french-cable.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank } from './lines.js'
import { isRule } from './rules.js'
import { isTelegramLine, startsTelegram } from './telegram.js'
import { isRecordStart } from './wikileaks.js'

/** The families of raw text the ingester reads. */
export type TextFamily = 'french' | 'telegram' | 'wikileaks'

/** The lines of one cable and the family that reads them. */
export interface Chunk {
  family: TextFamily
  lines: Line[]
}

/** How many lines of a segment are looked at to judge it: keeps the split linear. */
const WINDOW = 80

const ATTACHMENT_LINE = /^(?:P\.\s?J\.?|PJ|Pi[èe]ces?\s+jointes?)\s*:\s*(.*)$/iu

/**
 * Cut a file into cables. WikiLeaks records start at their five metadata
 * lines. Elsewhere a cable may end at a rule (`————`) when what follows
 * looks like a new cable (two header telltales in its first lines) and no
 * announced attachment is still waiting for its text; a telegram dump starts
 * a new message at each `VZCZC` or action line. One pass, bounded look-ahead.
 */
export function splitCables(lines: Line[]): Chunk[] {
  const starts: number[] = []
  for (let index = 0; index + 2 < lines.length; index++) if (isRecordStart(lines, index)) starts.push(index)
  if (starts.length === 0) return splitGeneric(lines)
  const chunks: Chunk[] = []
  if (lines.slice(0, starts[0]).some((line) => !isBlank(line))) chunks.push(...splitGeneric(lines.slice(0, starts[0])))
  for (let k = 0; k < starts.length; k++) chunks.push({ family: 'wikileaks', lines: lines.slice(starts[k], starts[k + 1] ?? lines.length) })
  return chunks
}

interface Segment {
  lines: Line[]
  french: number
  telegram: number
  /** Attachment texts the segment announced (`P.J. : 1) … 2) …`). */
  announced: number
  /** Whether it started at a telegram start rather than a rule. */
  telegramStart: boolean
}

function splitGeneric(lines: Line[]): Chunk[] {
  const segments: Segment[] = []
  let current: Segment = { lines: [], french: 0, telegram: 0, announced: 0, telegramStart: false }
  let seenFm = false
  const open = (telegramStart: boolean) => {
    segments.push(current)
    current = { lines: [], french: 0, telegram: 0, announced: 0, telegramStart }
    seenFm = false
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const text = line.text.trim()
    if (isRule(text) && current.lines.length > 0) {
      // The rule opens the next segment: merged back, it still separates an attachment's text.
      open(false)
      current.lines.push(line)
      continue
    }
    if (startsTelegram(text) && (seenFm || current.telegram >= 3) && !/^VZCZC/.test(lines[index - 1]?.text.trim() ?? '')) open(true)
    else if (/^VZCZC/.test(text) && current.telegram >= 2) open(true)
    if (/^FM\s/.test(text)) seenFm = true
    if (current.lines.length < WINDOW) {
      if (isFrenchHeaderLine(text)) current.french++
      if (isTelegramLine(text)) current.telegram++
    }
    const attachment = ATTACHMENT_LINE.exec(text)
    if (attachment) current.announced += Math.max(1, splitItems(attachment[1]!).length)
    current.lines.push(line)
  }
  segments.push(current)

  const chunks: { lines: Line[]; french: number; telegram: number; waiting: number }[] = []
  for (const segment of segments) {
    if (segment.lines.every((line) => isBlank(line))) continue
    const last = chunks.at(-1)
    const cableLike = segment.french + segment.telegram >= 2
    if (!last || segment.telegramStart || (cableLike && last.waiting <= 0)) {
      chunks.push({ lines: [...segment.lines], french: segment.french, telegram: segment.telegram, waiting: segment.announced })
    } else {
      // The rule was a separator inside the cable (before an attachment's text).
      for (const line of segment.lines) last.lines.push(line)
      last.waiting += segment.announced - 1
    }
  }
  return chunks.map((chunk) => ({ family: chunk.telegram > chunk.french ? 'telegram' : 'french', lines: chunk.lines }))
}
