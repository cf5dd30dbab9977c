import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Child processes (pinned to a core with taskset), their CPU time and memory read from /proc, and the
 * bookkeeping that stops every child this benchmark started, also on Ctrl-C.
 */

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** True when there are two cores to split and `taskset` to split them with. */
export const CAN_PIN = os.cpus().length >= 2 && ['/usr/bin/taskset', '/bin/taskset'].some((p) => existsSync(p));

/** The server under test runs on this core; the load generator on the other. */
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

const running = new Set<ChildProcess>();

/** Spawns `command args` pinned to `core` (or unpinned when `core` is undefined or pinning is unavailable). */
export function spawnTracked(command: string, args: string[], options: SpawnOptions & { core?: number }): ChildProcess {
  const { core, ...rest } = options;
  // taskset execs the command, so the child's pid is the command's pid (what /proc sampling reads).
  const child = core !== undefined && CAN_PIN ? spawn('taskset', ['-c', String(core), command, ...args], rest) : spawn(command, args, rest);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends `signal`, waits up to `timeoutMs` for the exit, then SIGKILLs. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running (graceful first); used at the end and on SIGINT/SIGTERM. */
export async function stopAllChildren(timeoutMs = 15_000): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, 'SIGTERM', timeoutMs)));
}

/** Last resort on process exit: SIGKILL whatever is left (synchronous). */
export function killAllChildrenNow(): void {
  for (const child of running) if (isRunning(child)) child.kill('SIGKILL');
}

/** utime + stime of a process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * utime + stime, in seconds, of a process's threads split by scheduling priority: `niced` sums the threads
 * running at nice > 0 (the service's password-hashing workers run at nice 19), `rest` all the others, split
 * into `main` (the event loop's thread, whose id is the pid) and `other` (V8's helpers, GC among them, and
 * libuv's pool, where the service signs its tokens). Threads that ended in between are lost to all.
 */
export function threadCpuSeconds(pid: number): { niced: number; rest: number; main: number; other: number } {
  const split = { niced: 0, rest: 0, main: 0, other: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[16] is field 19 of stat(5): nice.
    const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    if (Number(fields[16]) > 0) split.niced += seconds;
    else {
      split.rest += seconds;
      split[tid === String(pid) ? 'main' : 'other'] += seconds;
    }
  }
  return split;
}

/** VmRSS and VmHWM (peak RSS since start) of a process, in MiB. */
export function memoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Samples VmRSS every `intervalMs` until stopped; reports the peak seen. */
export class RssSampler {
  private peak = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly pid: number, private readonly intervalMs = 100) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, memoryMiB(this.pid).rss);
    } catch {
      // the process ended
    }
  }
}

/** CLOCK_MONOTONIC in microseconds: the clock V8 stamps --cpu-prof samples with, so windows can be cut out of a profile. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Busy and total jiffies of all CPUs together (/proc/stat). */
function machineJiffies(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3] - (cpu[4] ?? 0), total };
}

/** CPU seconds, wall seconds and peak RSS of processes over a window opened by `begin()`. */
export class ProcessWindow {
  private readonly starts = new Map<number, number>();
  private readonly samplers = new Map<number, RssSampler>();
  private startedAt = 0;
  private machineStart = { busy: 0, total: 0 };
  private monotonicStartUs = 0;

  constructor(private readonly pids: number[]) {}

  begin(): void {
    this.startedAt = performance.now();
    this.monotonicStartUs = monotonicUs();
    this.machineStart = machineJiffies();
    for (const pid of this.pids) {
      this.starts.set(pid, cpuSeconds(pid));
      this.samplers.set(pid, new RssSampler(pid).start());
    }
  }

  end(): { wallSeconds: number; machineBusyCores: number; monotonicUs: [number, number]; byPid: Map<number, { cpuSeconds: number; peakRssMiB: number }> } {
    const wallSeconds = (performance.now() - this.startedAt) / 1000;
    const window: [number, number] = [this.monotonicStartUs, monotonicUs()];
    const machine = machineJiffies();
    // Busy CPU seconds of the whole machine (every process, ours and others') per wall second.
    const machineBusyCores = (machine.busy - this.machineStart.busy) / CLOCK_TICKS / wallSeconds;
    const byPid = new Map<number, { cpuSeconds: number; peakRssMiB: number }>();
    for (const pid of this.pids) {
      const peakRssMiB = this.samplers.get(pid)!.stop();
      let cpu = NaN;
      try {
        cpu = cpuSeconds(pid) - this.starts.get(pid)!;
      } catch {
        // ended
      }
      byPid.set(pid, { cpuSeconds: cpu, peakRssMiB });
    }
    return { wallSeconds, machineBusyCores, monotonicUs: window, byPid };
  }
}
