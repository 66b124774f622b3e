/**
 * Measuring a whole command as the benches run it: wall and CPU time of its
 * process tree, and the peak RSS of the tree, of the command itself and of its
 * largest descendant. Shared by `batch.bench.ts` and `cablegate.bench.ts`.
 */
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** One measured run of a command. */
export interface Measured {
  seconds: number
  /** CPU seconds (user + system) of the whole tree: steadier than wall time on a shared machine. */
  cpu: number
  /** Peak sum of RSS over the process tree, the peak of the parent alone, and of the largest descendant. */
  treeRss: number
  mainRss: number
  childRss: number
  /** The last 4 KB of stdout and 2 KB of stderr (the shell's `times` line removed). */
  stdout: string
  stderr: string
  code: number | null
}

/**
 * Sample the RSS of `pid` and its descendants every 100 ms from `/proc`, which
 * lists processes only (thread-group leaders; threads live under
 * `/proc/<pid>/task` and share their process's memory), so nothing is counted
 * twice, unlike `pstree -p`, which lists thread ids too. `pid` is the timing
 * shell; its child is the measured command (the parent), the rest are its
 * descendants.
 */
function sampleTree(pid: number, peaks: { tree: number; main: number; child: number }): NodeJS.Timeout {
  const page = 4096
  return setInterval(() => {
    const parents = new Map<number, number>()
    const rss = new Map<number, number>()
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        parents.set(Number(name), Number(fields[1]))
        rss.set(Number(name), Number(fields[21]) * page)
      } catch {
        // gone between listing and reading
      }
    }
    const inTree = (candidate: number): boolean => {
      for (let current = candidate, depth = 0; current > 1 && depth < 16; current = parents.get(current) ?? 0, depth++) if (current === pid) return true
      return false
    }
    let tree = 0
    for (const [candidate, bytes] of rss) {
      if (!inTree(candidate)) continue
      tree += bytes
      if (parents.get(candidate) === pid) peaks.main = Math.max(peaks.main, bytes)
      else if (candidate !== pid) peaks.child = Math.max(peaks.child, bytes)
    }
    peaks.tree = Math.max(peaks.tree, tree)
  }, 100)
}

/**
 * Run a command under a shell whose `times` builtin then prints the CPU time
 * of everything it waited for (the command and, through it, every process it
 * waited for: workers, pandoc runs), and sample the tree's memory meanwhile.
 */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const started = performance.now()
  const child = spawn('sh', ['-c', '"$@"; status=$?; times >&2; exit $status', 'sh', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env })
  const peaks = { tree: 0, main: 0, child: 0 }
  const timer = sampleTree(child.pid!, peaks)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  // Keep only the tails: a 100,000-line event stream need not sit in the bench's memory.
  child.stdout.on('data', (text: string) => void (stdout = (stdout + text).slice(-4096)))
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (text: string) => void (stderr = (stderr + text).slice(-2048)))
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(timer)
      if (code !== 0 && code !== 1) process.stderr.write(`${command} ${args.slice(0, 3).join(' ')}… exited ${code}:\n${stderr}\n`)
      const times = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(stderr)
      const cpu = times ? Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4]) : Number.NaN
      resolve({
        seconds: (performance.now() - started) / 1000,
        cpu,
        treeRss: peaks.tree,
        mainRss: peaks.main,
        childRss: peaks.child,
        stdout,
        stderr: stderr.replace(/\s*[\d.]+m[\d.]+s\s+[\d.]+m[\d.]+s\s+[\d.]+m[\d.]+s\s+[\d.]+m[\d.]+s\s*$/, ''),
        code,
      })
    })
  })
}

/** The newest modification time of a file under `folder`: to tell a build older than its sources. */
export function newestUnder(folder: string): number {
  let newest = 0
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}
