import type { Box } from './laid-out.js'

/** A copy of `box` moved by (`dx`, `dy`); text runs keep their offsets from the text box. */
export function translateBox(box: Box, dx: number, dy: number): Box {
  switch (box.type) {
    case 'text':
      return { ...box, x: box.x + dx, y: box.y + dy }
    case 'rect':
    case 'link':
      return { ...box, x: box.x + dx, y: box.y + dy }
    case 'rule':
      return { ...box, x1: box.x1 + dx, y1: box.y1 + dy, x2: box.x2 + dx, y2: box.y2 + dy }
    case 'redaction':
      return { ...box, x: box.x + dx, y: box.y + dy, labels: box.labels.map((label) => ({ ...label, x: label.x + dx, y: label.y + dy })) }
    case 'group':
      return { ...box, originX: box.originX + dx, originY: box.originY + dy, boxes: box.boxes.map((child) => translateBox(child, dx, dy)) }
  }
}
