import { highlights } from './highlight-source.js'
import type { Diagnostic } from './read-cable.js'

/**
 * Draw the diagnostics: the list (each item selects its range in the
 * source when clicked) and the marks in the backdrop behind the textarea,
 * which holds the same text in the same font so the marks sit under the
 * characters they speak about. Built with DOM nodes, never HTML strings: the
 * source and the messages are untrusted.
 */
export function showDiagnostics(list: HTMLOListElement, backdrop: HTMLElement, textarea: HTMLTextAreaElement, diagnostics: readonly Diagnostic[]): void {
  const source = textarea.value
  const items = diagnostics.map((diagnostic, index) => {
    const item = document.createElement('li')
    item.dataset['severity'] = diagnostic.severity
    item.dataset['line'] = String(diagnostic.line)
    item.dataset['column'] = String(diagnostic.column)
    item.id = `diagnostic-${index}`
    const place = document.createElement('button')
    place.type = 'button'
    place.className = 'place'
    place.textContent = `${diagnostic.line}:${diagnostic.column}`
    place.title = 'Select in the source'
    place.addEventListener('click', () => {
      textarea.focus()
      textarea.setSelectionRange(diagnostic.start, Math.max(diagnostic.end, diagnostic.start + 1))
    })
    const severity = document.createElement('span')
    severity.className = 'severity'
    severity.textContent = diagnostic.severity
    const message = document.createElement('span')
    message.className = 'message'
    message.textContent = diagnostic.suggestion ? `${diagnostic.message} (suggested: ${diagnostic.suggestion})` : diagnostic.message
    const rule = document.createElement('code')
    rule.className = 'rule'
    rule.textContent = diagnostic.ruleId ?? ''
    item.append(place, ' ', severity, ' ', message, ' ', rule)
    return item
  })
  if (items.length === 0) {
    const none = document.createElement('li')
    none.className = 'none'
    none.textContent = 'No diagnostics.'
    items.push(none)
  }
  list.replaceChildren(...items)

  const nodes: Node[] = []
  let at = 0
  for (const mark of highlights(source, diagnostics)) {
    if (mark.start > at) nodes.push(document.createTextNode(source.slice(at, mark.start)))
    const element = document.createElement('mark')
    element.className = mark.severity
    element.dataset['diagnostic'] = String(mark.index)
    element.textContent = source.slice(mark.start, mark.end)
    nodes.push(element)
    at = mark.end
  }
  // A final new line needs a character after it to take up its line, as in the textarea.
  nodes.push(document.createTextNode(`${source.slice(at)}\u200b`))
  backdrop.replaceChildren(...nodes)
}
