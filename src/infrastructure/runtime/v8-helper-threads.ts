import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The threads this process had before any code of ours ran: V8's platform workers (concurrent marking and
 * sweeping, the parallel scavenge's helpers, background compilation), the platform's delayed-task thread
 * and the inspector's signal thread, all created by Node before the first module loads. libuv's pool
 * (where the RS256 signature and asynchronous file and DNS work run) starts on first use, later, so it is
 * not among them; neither are worker threads. This module must be the first that main.ts imports. Empty
 * where /proc/self/task is not there (not Linux).
 */
const STARTUP_HELPERS: readonly number[] = (() => {
  try {
    return readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid !== process.pid);
  } catch {
    return [];
  }
})();

/**
 * Lowers V8's helper threads to `nice` so that, when the core is busy, the event loop runs before the
 * garbage collector's concurrent work, which then takes the time the event loop leaves (and the main
 * thread finishes marking itself if it has to, as V8 does whenever its helpers fall behind). On a pinned
 * core under load this kept GetMe's p99 lower with no change in CPU per call (README, "Performance").
 * On Linux `setpriority(PRIO_PROCESS, tid)` applies to one thread. Returns how many threads were changed
 * (0 for `nice` 0, or where thread ids are not available).
 */
export function lowerV8HelperThreads(nice: number): number {
  if (nice === 0) return 0;
  let changed = 0;
  for (const tid of STARTUP_HELPERS) {
    try {
      setPriority(tid, nice);
      changed++;
    } catch {
      // The thread has ended, or the platform refuses: it keeps the process's priority.
    }
  }
  return changed;
}
