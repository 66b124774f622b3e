import { opendir, stat } from 'node:fs/promises'
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import picomatch from 'picomatch'
import { CliError, EXIT } from '../errors.js'
import { outputStem } from '../output-names.js'
import { fileKind } from '../read-source-file.js'
import { INPUT_EXTENSIONS } from '../input-extensions.js'

/** The extensions a batch renders (the list every command shares); every other file is skipped and counted. */
export { INPUT_EXTENSIONS }

/** One file found by {@link walkInputs}. */
export interface InputEntry {
  /** Absolute path. */
  absolute: string
  /** POSIX path relative to the walk's base: the key in the manifest, the shard hash and the output tree. */
  relative: string
  /**
   * `input` to render, `skipped` (not a cable format), `unreadable` (a folder
   * that could not be listed), or `duplicate`: an input whose outputs would
   * overwrite those of an earlier input in the same folder (`x.txt` after
   * `x.md`: both write `x.pdf`).
   */
  kind: 'input' | 'skipped' | 'unreadable' | 'duplicate'
  /** Why it is skipped or unreadable. */
  reason?: string
  /** For a `duplicate`: the relative path of the earlier input that owns the output names. */
  duplicateOf?: string
  /**
   * Output names (without extension) that inputs of the same folder own and
   * that this input would also write if it held several cables: `x-1` when the
   * folder has `x-1.md` beside `x.json`. The worker fails the input when it
   * does hold several cables, naming the sibling (see {@link OutputClaim}).
   */
  claimed?: OutputClaim[]
}

/** An output name (the stem, no extension) and the input that owns it. */
export interface OutputClaim {
  name: string
  /** POSIX path of the owning input, relative to the walk's base. */
  path: string
}

type Root =
  | { type: 'folder'; path: string }
  | { type: 'file'; path: string }
  | { type: 'glob'; path: string; match: (relative: string) => boolean }
  /** A FIFO, socket or device named on the command line: recorded as skipped, never opened. */
  | { type: 'special'; path: string; reason: string }

/** What to walk: the roots named on the command line, and the folder every relative path is taken from. */
export interface WalkPlan {
  /** The deepest folder holding every root: relative paths (and so the output tree) start here. */
  base: string
  roots: Root[]
  /** Absolute folders never entered (the output folder when it sits inside the input tree). */
  exclude: string[]
  /** `--exclude` globs as one test on a POSIX path relative to `base`: a match is neither walked nor counted. */
  excluded?: (relative: string) => boolean
}

/**
 * Check the command line's folders, files and globs and find their common
 * base folder. A single folder is its own base, so `batch archive -o out`
 * writes `archive/2009/x.md` as `out/2009/x.pdf`.
 *
 * `globs` (`--exclude`) are matched against each walked file's and folder's
 * path relative to the base; a glob without a slash matches a name at any
 * depth (`README.md`, `*.json`), as in `.gitignore`.
 *
 * @throws {CliError} with the usage exit code for a path that does not exist.
 */
export async function planWalk(specs: string[], cwd: string, exclude: string[] = [], globs: string[] = []): Promise<WalkPlan> {
  const roots: Root[] = []
  for (const spec of specs) {
    const scan = picomatch.scan(spec)
    if (scan.isGlob) {
      const base = resolve(cwd, scan.base === '' ? '.' : scan.base)
      const matcher = picomatch(scan.glob, { dot: false })
      roots.push({ type: 'glob', path: base, match: (path) => matcher(path) })
      continue
    }
    const path = resolve(cwd, spec)
    let info
    try {
      info = await stat(path)
    } catch {
      throw new CliError(`no such file or folder: ${spec}`, EXIT.usage)
    }
    roots.push(info.isDirectory() ? { type: 'folder', path } : info.isFile() ? { type: 'file', path } : { type: 'special', path, reason: specialReason(info) })
  }
  if (roots.length === 0) throw new CliError('name at least one folder, file or glob to render', EXIT.usage)
  const folders = roots.map((root) => (root.type === 'file' || root.type === 'special' ? dirname(root.path) : root.path))
  const plan: WalkPlan = { base: commonFolder(folders), roots, exclude: exclude.map((path) => resolve(cwd, path)) }
  if (globs.length > 0) {
    const matcher = picomatch(
      globs.map((glob) => glob.replace(/^\.\/+/, '').replace(/\/+$/, '')),
      { dot: true, basename: true },
    )
    plan.excluded = (path) => matcher(path)
  }
  return plan
}

/**
 * Walk the plan's roots and yield every file, one folder in memory at a time
 * (entries sorted by code point in each folder, so every run and every machine
 * sees the same order). Hidden entries (starting with `.`) are not entered:
 * they are version-control folders, editor files and the batch's own
 * temporary files. Symbolic links to files are followed, links to folders are
 * not (no cycles). An input that would write the same output names as an
 * earlier one of its folder comes as `duplicate` (see {@link InputEntry}); a
 * file named twice on the command line comes once.
 *
 * @example for await (const entry of walkInputs(await planWalk(['archive'], cwd))) …
 */
export async function* walkInputs(plan: WalkPlan): AsyncGenerator<InputEntry> {
  // Files named on the command line: few, so their output names are all kept to catch `a/x.md a/x.txt`.
  const fileRoots = new Map<string, string>()
  for (const root of plan.roots) {
    if (root.type === 'special') {
      yield { absolute: root.path, relative: posix(relative(plan.base, root.path)), kind: 'skipped', reason: root.reason }
      continue
    }
    if (root.type !== 'file') {
      yield* walkFolder(root.path, plan, root.type === 'glob' ? (path) => root.match(posix(relative(root.path, path))) : undefined)
      continue
    }
    const entry = classify(root.path, plan.base)
    if (entry.kind === 'input') {
      const key = `${dirname(entry.relative)}\0${outputStem(entry.relative)}`
      const owner = fileRoots.get(key)
      if (owner !== undefined && owner !== entry.relative) yield { ...entry, kind: 'duplicate', duplicateOf: owner }
      else if (owner === undefined) {
        fileRoots.set(key, entry.relative)
        yield entry
      }
      continue
    }
    yield entry
  }
}

async function* walkFolder(folder: string, plan: WalkPlan, match?: (absolute: string) => boolean): AsyncGenerator<InputEntry> {
  if (plan.exclude.includes(folder)) return
  const entries: { name: string; kind: 'file' | 'folder' | 'other'; reason?: string; failed?: boolean }[] = []
  try {
    for await (const entry of await opendir(folder)) {
      if (entry.name.startsWith('.')) continue
      if (
        entry.name.includes('\uFFFD') &&
        !(await stat(join(folder, entry.name)).then(
          () => true,
          () => false,
        ))
      ) {
        // The system gave a name that is not UTF-8, decoded with replacement characters: no path reaches it.
        entries.push({
          name: entry.name,
          kind: 'other',
          reason: 'its name is not valid UTF-8, so it cannot be named in the manifest or the outputs: rename it (for instance with `convmv -f latin1 -t utf8`)',
          failed: true,
        })
        continue
      }
      if (entry.isDirectory()) entries.push({ name: entry.name, kind: 'folder' })
      else if (entry.isFile()) entries.push({ name: entry.name, kind: 'file' })
      else if (entry.isSymbolicLink()) {
        const target = await stat(join(folder, entry.name)).catch((error: NodeJS.ErrnoException) => error)
        if (target instanceof Error) {
          // A dangling link or a loop of links: an input that cannot be read, counted and recorded.
          const reason =
            target.code === 'ELOOP'
              ? 'a loop of symbolic links (ELOOP)'
              : target.code === 'ENOENT'
                ? 'a symbolic link to nothing'
                : `cannot follow the link (${target.code ?? target.message})`
          entries.push({ name: entry.name, kind: 'other', reason, failed: true })
        } else if (target.isFile()) entries.push({ name: entry.name, kind: 'file' })
        else if (target.isDirectory())
          entries.push({
            name: entry.name,
            kind: 'other',
            reason: 'a symbolic link to a folder: not followed (it could lead out of the archive or round in a cycle)',
          })
        else entries.push({ name: entry.name, kind: 'other', reason: specialReason(target) })
      } else {
        // FIFOs, sockets, devices: never opened (a FIFO blocks a read for ever), but counted.
        entries.push({ name: entry.name, kind: 'other', reason: specialReason(entry) })
      }
    }
  } catch (error) {
    yield {
      absolute: folder,
      relative: posix(relative(plan.base, folder)) || '.',
      kind: 'unreadable',
      reason: `cannot list the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    }
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const names = outputNames(folder, entries, plan, match)
  for (const entry of entries) {
    const path = join(folder, entry.name)
    if (plan.excluded?.(posix(relative(plan.base, path)))) continue
    if (entry.kind === 'folder') yield* walkFolder(path, plan, match)
    else if (entry.kind === 'other') {
      if (!match || match(path))
        yield {
          absolute: path,
          relative: posix(relative(plan.base, path)),
          kind: entry.failed ? 'unreadable' : 'skipped',
          reason: entry.reason ?? 'not a regular file',
        }
    } else if (!match || match(path)) {
      const classified = classify(path, plan.base)
      const owner = names.owners.get(entry.name)
      if (owner !== undefined) yield { ...classified, kind: 'duplicate', duplicateOf: owner }
      else {
        const claimed = classified.kind === 'input' ? names.numbered.get(outputStem(entry.name)) : undefined
        yield claimed ? { ...classified, claimed } : classified
      }
    }
  }
}

/**
 * Who writes which output names in one folder, decided from the sorted
 * listing alone so that every run and every machine agree. `owners` maps each
 * input that would write the same names as an earlier one (same stem: `x.md`,
 * then `x.txt`) to that earlier input. `numbered` maps a stem `x` to the inputs
 * whose own stem is `x-<n>`: the names `x.json` would give its cables.
 */
function outputNames(folder: string, entries: { name: string; kind: 'file' | 'folder' | 'other' }[], plan: WalkPlan, match?: (absolute: string) => boolean) {
  const base = plan.base
  const firstByStem = new Map<string, string>()
  const owners = new Map<string, string>()
  const numbered = new Map<string, OutputClaim[]>()
  for (const entry of entries) {
    if (entry.kind !== 'file' || !INPUT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue
    const path = join(folder, entry.name)
    if (match && !match(path)) continue
    if (plan.excluded?.(posix(relative(base, path)))) continue
    const stem = outputStem(entry.name)
    const first = firstByStem.get(stem)
    if (first !== undefined) {
      owners.set(entry.name, first)
      continue
    }
    const relativePath = posix(relative(base, path))
    firstByStem.set(stem, relativePath)
    const numberedStem = /^(.+)-\d+$/.exec(stem)
    if (numberedStem) {
      const claims = numbered.get(numberedStem[1]!) ?? []
      claims.push({ name: stem, path: relativePath })
      numbered.set(numberedStem[1]!, claims)
    }
  }
  return { owners, numbered }
}

/** Why a special file is not read. */
function specialReason(entry: Parameters<typeof fileKind>[0]): string {
  return `not a regular file (${fileKind(entry)}): not read`
}

function classify(absolute: string, base: string): InputEntry {
  const path = posix(relative(base, absolute))
  const extension = extname(absolute).toLowerCase()
  if (INPUT_EXTENSIONS.includes(extension)) return { absolute, relative: path, kind: 'input' }
  return { absolute, relative: path, kind: 'skipped', reason: `not a cable source (${INPUT_EXTENSIONS.join(', ')})` }
}

function commonFolder(folders: string[]): string {
  let common = folders[0]!
  for (const folder of folders.slice(1)) {
    while (common !== dirname(common) && !(folder === common || folder.startsWith(common.endsWith(sep) ? common : common + sep))) common = dirname(common)
  }
  return isAbsolute(common) ? common : resolve(common)
}

function posix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}
