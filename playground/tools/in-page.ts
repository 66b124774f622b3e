/**
 * Types of what the functions that tests and the benchmark run inside the
 * page (`page.evaluate`) touch. Those functions run in the browser, but the
 * files that hold them also compile under the root tsconfig, which has no DOM
 * library (the packages are Node code, and must not see `document`). Each
 * such file declares the few globals it uses with these types, in its own
 * module scope: nothing global is added.
 */

/** An element, as far as the in-page functions use one. */
export interface InPageElement {
  readonly attributes: ArrayLike<{ name: string; value: string }> & Iterable<{ name: string; value: string }>
  readonly dataset: Record<string, string | undefined>
  readonly textContent: string | null
  src: string
  value: string
  href: string
  selectionStart: number
  selectionEnd: number
  focus(): void
  setSelectionRange(start: number, end: number): void
  addEventListener(type: string, listener: () => void): void
  getBoundingClientRect(): { width: number; height: number }
}

/** The document, as far as the in-page functions use it. */
export interface InPageDocument {
  querySelector(selector: string): InPageElement | null
  querySelectorAll(selector: string): ArrayLike<InPageElement> & Iterable<InPageElement>
  readonly fonts: Iterable<{ family: string; weight: string; status: string }> & { readonly ready: Promise<unknown> }
  readonly body: { readonly innerText: string }
  readonly links: Iterable<InPageElement>
  readonly title: string
}

/** A computed style, as far as the tests read one. */
export interface InPageStyle {
  fontFamily: string
  direction: string
  backgroundColor: string
}
