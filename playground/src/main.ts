import './polyfills.js'
import { THEME_NAMES, defaultThemeName, toDocx, toHtml, toPdf } from '@cablekit/render'
import type { ThemeName } from '@cablekit/render'
import telegram from '../../examples/09RABAT412.md?raw'
import cardiff from '../../examples/maroc-otan-cardiff.md?raw'
import requete from '../../examples/maroc-otan-requete.md?raw'
import { showDiagnostics } from './diagnostics-view.js'
import { latestOnly } from './latest-only.js'
import { loadFonts } from './load-fonts.js'
import { outputName } from './output-name.js'
import { readCable } from './read-cable.js'
import type { ReadResult } from './read-cable.js'

const EXAMPLES: Record<string, { path: string; text: string }> = {
  requete: { path: 'maroc-otan-requete.md', text: requete },
  cardiff: { path: 'maroc-otan-cardiff.md', text: cardiff },
  telegram: { path: '09RABAT412.md', text: telegram },
}
/** Files the readers take; images and PDFs are recognised so the page can say they are not read yet. */
const TEXT_FILE = /\.(txt|md|markdown|json)$/i
const LATER_FILE = /\.(png|jpe?g|tiff?|webp|gif|bmp|pdf)$/i
/** Wait this long after a keystroke before reading again: one render for a burst of typing. */
const TYPING_PAUSE_MS = 120

function byTestId<T extends HTMLElement>(id: string): T {
  const element = document.querySelector<T>(`[data-testid="${id}"]`)
  if (!element) throw new Error(`playground: missing [data-testid="${id}"]`)
  return element
}

const source = byTestId<HTMLTextAreaElement>('source')
const backdrop = byTestId<HTMLElement>('source-backdrop')
const json = byTestId<HTMLElement>('cable-json')
const diagnosticsList = byTestId<HTMLOListElement>('diagnostics')
const preview = byTestId<HTMLIFrameElement>('preview')
const themeSelect = byTestId<HTMLSelectElement>('theme')
const cableSelect = byTestId<HTMLSelectElement>('cable-index')
const matchBox = byTestId<HTMLTextAreaElement>('redact-match')
const reasonBox = byTestId<HTMLInputElement>('redact-reason')
const exampleSelect = byTestId<HTMLSelectElement>('example')
const fileInput = byTestId<HTMLInputElement>('file')
const status = byTestId<HTMLElement>('status')
const editor = byTestId<HTMLElement>('editor')

let path = EXAMPLES['requete']!.path
let revision = 0
let current: ReadResult | undefined
let previewUrl: string | undefined

function setStatus(state: 'loading' | 'ready' | 'rendering' | 'error', text: string): void {
  status.dataset['state'] = state
  status.textContent = text
}

function selectedTheme(): ThemeName | undefined {
  const value = themeSelect.value
  return (THEME_NAMES as readonly string[]).includes(value) ? (value as ThemeName) : undefined
}

function selectedCable() {
  const index = Number(cableSelect.value) || 0
  return current?.printable[index] ?? current?.printable[0]
}

/** Read the source now: fields and diagnostics at once, the preview when it is drawn. */
function read(): void {
  const seen = revision
  source.dataset['revision'] = String(seen)
  current = readCable({ source: source.value, path, match: matchBox.value.split('\n'), reason: reasonBox.value })
  json.textContent = current.json || '—'
  showDiagnostics(diagnosticsList, backdrop, source, current.diagnostics)
  const count = current.printable.length
  cableSelect.closest('label')!.hidden = count <= 1
  const chosen = Math.min(Number(cableSelect.value) || 0, Math.max(0, count - 1))
  cableSelect.replaceChildren(
    ...current.printable.map((cable, index) => new Option(`${index + 1}. ${cable.id ?? cable.subject ?? 'cable'}`, String(index), false, index === chosen)),
  )
  render({ revision: seen, result: current })
}

const render = latestOnly(async ({ revision: seen, result }: { revision: number; result: ReadResult }) => {
  const index = Number(cableSelect.value) || 0
  const cable = result.printable[index] ?? result.printable[0]
  if (!cable) {
    // An empty preview rather than the last cable's: what is shown must be what the source gives.
    preview.removeAttribute('src')
    preview.dataset['revision'] = String(seen)
    if (previewUrl) URL.revokeObjectURL(previewUrl)
    previewUrl = undefined
    setStatus('ready', 'No cable in the source: see the diagnostics.')
    return
  }
  setStatus('rendering', 'Drawing the facsimile…')
  const theme = selectedTheme() ?? defaultThemeName(cable)
  const started = performance.now()
  const pdf = await toPdf(cable, { theme })
  const url = URL.createObjectURL(new Blob([pdf as BlobPart], { type: 'application/pdf' }))
  preview.src = url
  preview.dataset['revision'] = String(seen)
  preview.dataset['theme'] = theme
  if (previewUrl) URL.revokeObjectURL(previewUrl)
  previewUrl = url
  setStatus('ready', `Drawn in ${Math.round(performance.now() - started)} ms (${theme}).`)
})

let timer: ReturnType<typeof setTimeout> | undefined
function schedule(delay: number): void {
  revision++
  source.dataset['revision'] = String(revision)
  clearTimeout(timer)
  timer = setTimeout(read, delay)
}

function load(text: string, name: string): void {
  path = name
  source.value = text
  source.scrollTop = 0
  schedule(0)
}

async function openFile(file: File): Promise<void> {
  if (LATER_FILE.test(file.name)) {
    setStatus('error', `${file.name}: images and PDFs are not read yet; drop or paste the text (.txt, .md or .json).`)
    return
  }
  if (!TEXT_FILE.test(file.name) && !file.type.startsWith('text/') && file.type !== 'application/json') {
    setStatus('error', `${file.name}: not a cable file; drop .txt, .md or .json.`)
    return
  }
  load(await file.text(), file.name)
}

function download(name: string, bytes: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

function wireDownloads(): void {
  const cableOrWarn = () => {
    const cable = selectedCable()
    if (!cable) setStatus('error', 'No cable to download: see the diagnostics.')
    return cable
  }
  const theme = (cable: NonNullable<ReturnType<typeof selectedCable>>) => selectedTheme() ?? defaultThemeName(cable)
  byTestId('download-pdf').addEventListener('click', async () => {
    const cable = cableOrWarn()
    if (cable) download(outputName(cable.id, 'pdf'), await toPdf(cable, { theme: theme(cable) }), 'application/pdf')
  })
  byTestId('download-docx').addEventListener('click', async () => {
    const cable = cableOrWarn()
    if (cable)
      download(
        outputName(cable.id, 'docx'),
        await toDocx(cable, { theme: theme(cable) }),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      )
  })
  byTestId('download-html').addEventListener('click', async () => {
    const cable = cableOrWarn()
    if (cable) download(outputName(cable.id, 'html'), await toHtml(cable, { theme: theme(cable) }), 'text/html')
  })
  byTestId('download-json').addEventListener('click', () => {
    const cable = cableOrWarn()
    if (cable && current) download(outputName(cable.id, 'json'), current.json, 'application/json')
  })
  byTestId('download-md').addEventListener('click', () => {
    const cable = cableOrWarn()
    const index = Number(cableSelect.value) || 0
    if (cable && current) download(outputName(cable.id, 'md'), current.markdown[index] ?? current.markdown[0] ?? '', 'text/markdown')
  })
}

function wire(): void {
  source.addEventListener('input', (event) => {
    // Pasted or dropped text has no file name of its own: the content decides the reader.
    const kind = (event as InputEvent).inputType
    // An edited example is the user's text now: it may no longer be Markdown (a raw cable typed or
    // filled over it), and content detection reads the examples exactly as their names do.
    const editedExample = Object.values(EXAMPLES).some((example) => example.path === path)
    if (kind === 'insertFromPaste' || kind === 'insertFromDrop' || editedExample) path = 'pasted'
    schedule(TYPING_PAUSE_MS)
  })
  source.addEventListener('scroll', () => {
    backdrop.scrollTop = source.scrollTop
    backdrop.scrollLeft = source.scrollLeft
  })
  themeSelect.addEventListener('change', () => schedule(0))
  cableSelect.addEventListener('change', () => schedule(0))
  matchBox.addEventListener('input', () => schedule(TYPING_PAUSE_MS))
  reasonBox.addEventListener('input', () => schedule(TYPING_PAUSE_MS))
  exampleSelect.addEventListener('change', () => {
    const example = EXAMPLES[exampleSelect.value]
    if (example) load(example.text, example.path)
  })
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0]
    if (file) void openFile(file)
  })
  editor.addEventListener('dragover', (event) => {
    event.preventDefault()
    editor.classList.add('dropping')
  })
  editor.addEventListener('dragleave', () => editor.classList.remove('dropping'))
  editor.addEventListener('drop', (event) => {
    event.preventDefault()
    editor.classList.remove('dropping')
    const file = event.dataTransfer?.files[0]
    if (file) void openFile(file)
  })
  wireDownloads()
}

async function start(): Promise<void> {
  setStatus('loading', 'Loading fonts…')
  themeSelect.append(...THEME_NAMES.map((name) => new Option(name, name)))
  wire()
  try {
    await loadFonts()
  } catch (error) {
    setStatus('error', `Could not load the fonts: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  const example = EXAMPLES['requete']!
  if (!source.value) source.value = example.text
  schedule(0)
}

void start()
