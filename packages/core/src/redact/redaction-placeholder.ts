/**
 * The fixed text that stands for a redacted span where there is no node to
 * draw a bar (header fields, titles, alt text, code): its length depends on
 * the reason only, never on the secret.
 *
 * @example redactionPlaceholder('vie privée') // '[redacted: vie privée]'
 */
export function redactionPlaceholder(reason?: string): string {
  return reason ? `[redacted: ${reason}]` : '[redacted]'
}
