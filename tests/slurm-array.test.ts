/**
 * `cablekit batch` as a real Slurm job array: a single-node cluster (munged,
 * slurmctld, slurmd from Debian's slurm-wlm and munge) is started in a
 * temporary folder, `examples/batch/slurm-array.sh` is submitted as stepped,
 * listed and irregular arrays, and `cablekit manifest merge` runs as a job that
 * depends on the array, as the example says to run it.
 *
 * Needs root (the daemons run as root, `SlurmUser=root`) and the Debian
 * packages `slurm-wlm` and `munge`; without them the suite fails and says so.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shardOf } from '../packages/cli/src/batch/shard.js'
import { generateArchive } from '../scripts/gen-archive-lib.js'
import type { GeneratedArchive } from '../scripts/gen-archive-lib.js'

const REPO = join(import.meta.dirname, '..')
const EXAMPLE = join(REPO, 'examples', 'batch', 'slurm-array.sh')
const ENTRY = pathToFileURL(join(REPO, 'packages', 'cli', 'src', 'index.ts')).href
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const TOOLS = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'sinfo', 'squeue', 'scancel', 'scontrol']
/** How long the node may take to come up, and an array job to run. */
const START_TIMEOUT_MS = 60_000
const JOB_TIMEOUT_MS = 300_000
/** Job states of a job that has not ended yet. */
const ACTIVE_STATES = new Set(['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'REQUEUED', 'RESIZING', 'SUSPENDED', 'STAGE_OUT', 'SIGNALING'])

interface Daemon {
  name: string
  child: ChildProcess
  exited: Promise<void>
  log: string
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs / 1000} s\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** A TCP port free on loopback now; the daemons bind it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/**
 * Processes that carry this cluster's marker in their environment: the
 * daemons, the job steps slurmd forked and the jobs' own processes. Read from
 * /proc, so that nothing the cluster started can outlive the test unseen.
 */
function markedProcesses(marker: string): number[] {
  const found: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker)) found.push(Number(name))
    } catch {
      // gone, or not ours to read
    }
  }
  return found
}

/** A single-node Slurm cluster living in one temporary folder. */
class SlurmCluster {
  readonly daemons: Daemon[] = []
  readonly env: NodeJS.ProcessEnv
  readonly marker: string

  private constructor(
    readonly dir: string,
    readonly conf: string,
  ) {
    this.marker = `CABLEKIT_SLURM_TEST=${dir}`
    // The jobs inherit this (sbatch exports the submitting environment): no test runner variables, no outer Slurm job's.
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && !key.startsWith('SLURM_')))
    this.env = { ...base, SLURM_CONF: conf, CABLEKIT_SLURM_TEST: dir, NO_COLOR: '1', PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin` }
  }

  /** Write the munge key and slurm.conf, start munged, slurmctld and slurmd, and wait for the node to be idle. */
  static async start(): Promise<SlurmCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-slurm-'))
    for (const sub of ['munge', 'key', 'state', 'spool', 'log']) mkdirSync(join(dir, sub))
    const node = hostname().split('.')[0]!
    const [controllerPort, nodePort] = [await freePort(), await freePort()]
    const socket = join(dir, 'munge', 'munge.socket')
    const conf = join(dir, 'slurm.conf')
    writeFileSync(
      conf,
      [
        'ClusterName=cablekit-test',
        `SlurmctldHost=${node}(127.0.0.1)`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        `SlurmctldPort=${controllerPort}`,
        `SlurmdPort=${nodePort}`,
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        // No cgroups in a container: processes are tracked through /proc and tasks are not bound.
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'SchedulerType=sched/builtin',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'ReturnToService=2',
        'MpiDefault=none',
        // Keep finished jobs visible to scontrol long enough to read every task's exit code.
        'MinJobAge=600',
        `NodeName=${node} NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN`,
        `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    )
    const cluster = new SlurmCluster(dir, conf)
    try {
      const key = join(dir, 'key', 'munge.key')
      const made = spawnSync('mungekey', ['--create', '--keyfile', key, '--bits', '1024'], { env: cluster.env, encoding: 'utf8' })
      if (made.status !== 0) throw new Error(`mungekey failed: ${made.stderr}`)
      // munged wants the key private and the socket's folder searchable by everyone.
      spawnSync('chmod', ['700', join(dir, 'key')])
      spawnSync('chmod', ['755', join(dir, 'munge')])
      cluster.daemon('munged', 'munged', [
        '--foreground',
        '--force',
        `--key-file=${key}`,
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'munge', 'munged.pid')}`,
        `--log-file=${join(dir, 'log', 'munged.log')}`,
        `--seed-file=${join(dir, 'munge', 'seed')}`,
      ])
      await cluster.until(() => existsSync(socket), 'munged to create its socket')
      cluster.daemon('slurmctld', 'slurmctld', ['-D', '-f', conf])
      cluster.daemon('slurmd', 'slurmd', ['-D', '-f', conf, '-N', node])
      await cluster.until(async () => {
        const sinfo = await run('sinfo', ['-h', '-N', '-o', '%T'], cluster.env)
        return sinfo.code === 0 && sinfo.stdout.trim() === 'idle'
      }, `sinfo to show node ${node} idle`)
      return cluster
    } catch (error) {
      await cluster.stop()
      throw error
    }
  }

  private daemon(name: string, command: string, args: string[]): void {
    const log = join(this.dir, 'log', `${name}.out`)
    const fd = openSync(log, 'a')
    const child = spawn(command, args, { env: this.env, stdio: ['ignore', fd, fd] })
    closeSync(fd)
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.once('error', () => resolve())
    })
    this.daemons.push({ name, child, exited, log })
  }

  /** Poll `ready` until it holds; fail at once when a daemon died, and after {@link START_TIMEOUT_MS}. */
  private async until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS
    for (;;) {
      const dead = this.daemons.find((daemon) => daemon.child.exitCode !== null || daemon.child.signalCode !== null)
      if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}) while waiting for ${what}:\n${this.logs()}`)
      if (await ready()) return
      if (Date.now() > deadline) throw new Error(`timed out after ${START_TIMEOUT_MS / 1000} s waiting for ${what}:\n${this.logs()}`)
      await sleep(300)
    }
  }

  logs(): string {
    const files = ['slurmctld.log', 'slurmd.log', 'munged.out', 'slurmctld.out', 'slurmd.out'].map((name) => join(this.dir, 'log', name))
    return files.map((file) => `--- ${file}\n${tail(file)}`).join('\n')
  }

  /** Submit a job; returns its id (the array's for an array job). */
  async submit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const submitted = await run('sbatch', ['--parsable', ...args], { ...this.env, ...env })
    const job = submitted.stdout.trim().split(';')[0] ?? ''
    if (submitted.code !== 0 || !/^\d+$/.test(job)) throw new Error(`sbatch ${args.join(' ')} failed (exit ${submitted.code}): ${submitted.stderr}`)
    return job
  }

  /**
   * Wait until every task of `job` has ended, polling `scontrol` each 0.5 s
   * (`sbatch --wait` polls with growing sleeps, up to half a minute).
   * Bounded: past {@link JOB_TIMEOUT_MS} the job is cancelled and the test fails.
   */
  async wait(job: string): Promise<void> {
    const deadline = Date.now() + JOB_TIMEOUT_MS
    for (;;) {
      const shown = await run('scontrol', ['-o', 'show', 'job', job], this.env)
      const states = [...shown.stdout.matchAll(/\bJobState=(\w+)/g)].map((match) => match[1]!)
      if (shown.code === 0 && states.length > 0 && states.every((state) => !ACTIVE_STATES.has(state))) return
      if (Date.now() > deadline) {
        await run('scancel', [job], this.env)
        throw new Error(`job ${job} did not end within ${JOB_TIMEOUT_MS / 1000} s (states ${states.join(', ')}); cancelled\n${this.logs()}`)
      }
      await sleep(500)
    }
  }

  /**
   * How each task of `job` ended, as `STATE exit:signal` by array task id
   * (`-1` for a job that is not an array), from `scontrol show job`: the
   * cluster keeps no accounting, and `MinJobAge` keeps ended jobs listed.
   */
  async outcomes(job: string): Promise<Map<number, string>> {
    const shown = await run('scontrol', ['-o', 'show', 'job', job], this.env)
    const outcomes = new Map<number, string>()
    for (const line of shown.stdout.split('\n')) {
      const task = /\bArrayTaskId=(\d+)\b/.exec(line)
      const exit = /\bExitCode=(\d+:\d+)\b/.exec(line)
      const state = /\bJobState=(\w+)/.exec(line)
      if (exit && state) outcomes.set(task ? Number(task[1]) : -1, `${state[1]} ${exit[1]}`)
    }
    return outcomes
  }

  /** Cancel what is still queued, stop every daemon by its process id, and sweep what they left. */
  async stop(): Promise<void> {
    const controller = this.daemons.find((daemon) => daemon.name === 'slurmctld')
    if (controller && controller.child.exitCode === null) {
      const queued = await run('squeue', ['-h', '-o', '%A'], this.env).catch(() => undefined)
      const jobs =
        queued?.stdout
          .split('\n')
          .map((id) => id.trim())
          .filter(Boolean) ?? []
      if (jobs.length > 0) await run('scancel', jobs, this.env).catch(() => undefined)
    }
    // slurmd first, so that it stops its job steps; munged last, as the others authenticate through it.
    for (const name of ['slurmd', 'slurmctld', 'munged']) {
      const daemon = this.daemons.find((entry) => entry.name === name)
      if (!daemon || daemon.child.pid === undefined || daemon.child.exitCode !== null || daemon.child.signalCode !== null) continue
      daemon.child.kill('SIGTERM')
      const stopped = await Promise.race([daemon.exited.then(() => true), sleep(15_000).then(() => false)])
      if (!stopped) {
        daemon.child.kill('SIGKILL')
        await daemon.exited
      }
    }
    // Job steps and job processes are children of slurmd's forks, not of this process: find them by the marker.
    for (const pid of markedProcesses(this.marker)) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
}

function missingTools(): string[] {
  const env = { ...process.env, PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin` }
  return TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { env }).status !== 0)
}

interface ProgressEvent {
  event: string
  path?: string
  status?: string
  shard?: string
}

/** The JSON progress events of a task's log (stdout of `--progress json`; stderr lines are not JSON). */
function events(log: string): ProgressEvent[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ProgressEvent)
}

describe('cablekit batch as a Slurm job array', () => {
  let cluster: SlurmCluster | undefined
  let root: string
  let archive: GeneratedArchive
  let inputs: string[]
  let runner: string

  beforeAll(
    async () => {
      const missing = missingTools()
      if (missing.length > 0) throw new Error(`Slurm is not installed (missing ${missing.join(', ')}): apt-get install -y slurm-wlm munge`)
      if (process.getuid?.() !== 0) throw new Error('this test starts slurmctld and slurmd as SlurmUser=root, so it must run as root')
      root = mkdtempSync(join(tmpdir(), 'cablekit-slurm-array-'))
      archive = await generateArchive({ out: join(root, 'archive'), count: 40, malformed: 0, seed: 17, pages: [1, 1], others: 0 })
      inputs = [...archive.files].sort()
      // The tasks run cablekit from source, as the other process tests do: no build needed.
      runner = join(root, 'cablekit.mjs')
      writeFileSync(runner, `const { main } = await import(${JSON.stringify(ENTRY)})\nprocess.exitCode = await main(process.argv.slice(2))\n`)
      cluster = await SlurmCluster.start()
    },
    START_TIMEOUT_MS * 2 + 30_000,
  )

  afterAll(async () => {
    const marker = cluster?.marker
    await cluster?.stop()
    if (cluster) rmSync(cluster.dir, { recursive: true, force: true })
    if (root) rmSync(root, { recursive: true, force: true })
    // Nothing the cluster started may be left running.
    if (marker) expect(markedProcesses(marker)).toEqual([])
  }, 60_000)

  const cablekit = () => `${process.execPath} --conditions=source --import ${TSX} ${runner}`

  /**
   * Submit the example script as `--array=spec`, then the merge as a job that
   * depends on the array (`afterany`), as the example's comment says.
   */
  async function renderArray(name: string, spec: string, source = join(root, 'archive')) {
    const out = join(root, `out-${name}`)
    const logs = join(root, `logs-${name}`)
    mkdirSync(logs)
    const env = { ARCHIVE: source, OUT: out, FORMATS: 'pdf', CABLEKIT: cablekit(), SOURCE_DATE_EPOCH: '1262304000' }
    const array = await cluster!.submit(['--array=' + spec, '--cpus-per-task=1', '--mem=100M', `--output=${logs}/task-%a.log`, EXAMPLE], env)
    const mergeJob = await cluster!.submit(
      [`--dependency=afterany:${array}`, `--output=${logs}/merge.log`, '--wrap', `${cablekit()} manifest merge ${out} --json`],
      env,
    )
    await cluster!.wait(mergeJob)
    // afterany: the merge ran once every task had ended.
    await cluster!.wait(array)
    const merge = (await cluster!.outcomes(mergeJob)).get(-1)
    return { out, logs, array, merge }
  }

  async function checkArray(name: string, spec: string, ids: number[]) {
    const { out, logs, array, merge } = await renderArray(name, spec)
    const count = ids.length
    const codes = await cluster!.outcomes(array)
    expect(Object.fromEntries(codes), `task logs in ${logs}`).toEqual(Object.fromEntries(ids.map((id) => [id, 'COMPLETED 0:0'])))

    // Task id → shard: its rank among the array's ids, and it rendered only that shard's inputs.
    const seen: string[] = []
    ids.forEach((id, rank) => {
      const log = join(logs, `task-${id}.log`)
      const taskEvents = events(log)
      expect(taskEvents[0], tail(log)).toMatchObject({ event: 'start', shard: `${rank + 1}/${count}` })
      const rendered = taskEvents.filter((event) => event.event === 'file')
      for (const event of rendered) {
        expect(event.status).toBe('rendered')
        expect(shardOf(event.path!, count)).toBe(rank + 1)
      }
      seen.push(...rendered.map((event) => event.path!))
      expect(existsSync(join(out, `manifest.shard-${rank + 1}-of-${count}.jsonl`))).toBe(true)
    })
    // Every input rendered exactly once across the tasks.
    expect([...seen].sort()).toEqual(inputs)

    expect(merge, readFileSync(join(logs, 'merge.log'), 'utf8')).toBe('COMPLETED 0:0')
    const report = JSON.parse(
      readFileSync(join(logs, 'merge.log'), 'utf8')
        .split('\n')
        .find((line) => line.startsWith('{'))!,
    ) as Record<string, unknown>
    expect(report).toMatchObject({
      shards: count,
      missing: [],
      incomplete: [],
      overlaps: { count: 0 },
      misplaced: 0,
      entries: inputs.length,
      rendered: inputs.length,
      failed: 0,
    })
    const merged = readFileSync(join(out, 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; status: string; outputs: { path: string; bytes: number }[] })
    expect(merged.map((entry) => entry.path).sort()).toEqual(inputs)
    for (const entry of merged) {
      expect(entry.status).toBe('rendered')
      expect(entry.outputs.length).toBeGreaterThan(0)
      for (const output of entry.outputs) expect(statSync(join(out, output.path)).size).toBe(output.bytes)
    }
  }

  it(
    'renders a stepped array (--array=0-6:2) as 4 shards, each input once',
    async () => {
      await checkArray('stepped', '0-6:2', [0, 2, 4, 6])
    },
    JOB_TIMEOUT_MS + 60_000,
  )

  it(
    'renders a listed array (--array=1,3,5) as 3 shards, each input once',
    async () => {
      await checkArray('listed', '1,3,5', [1, 3, 5])
    },
    JOB_TIMEOUT_MS + 60_000,
  )

  it(
    'fails the tasks of an unevenly spaced list (--array=3,10-12) that cannot be ranked, and the merge reports the gap',
    async () => {
      // A few inputs: only the refusal is under test here.
      await generateArchive({ out: join(root, 'small'), count: 4, malformed: 0, seed: 5, pages: [1, 1], others: 0 })
      const { logs, array, merge } = await renderArray('irregular', '3,10-12', join(root, 'small'))
      const codes = await cluster!.outcomes(array)
      // 3 and 12 fit the assumed spacing (3, 6, 9, 12); 10 and 11 do not and exit 2 (usage).
      expect(Object.fromEntries(codes)).toEqual({ 3: 'COMPLETED 0:0', 10: 'FAILED 2:0', 11: 'FAILED 2:0', 12: 'COMPLETED 0:0' })
      expect(readFileSync(join(logs, 'task-10.log'), 'utf8')).toMatch(/SLURM_ARRAY_TASK_ID 10 is not on an evenly spaced array of 4 tasks from 3 to 12/)
      expect(merge).toBe('FAILED 1:0')
      const report = JSON.parse(
        readFileSync(join(logs, 'merge.log'), 'utf8')
          .split('\n')
          .find((line) => line.startsWith('{'))!,
      ) as { missing: number[] }
      expect(report.missing).toEqual([2, 3])
    },
    JOB_TIMEOUT_MS + 60_000,
  )
})
