import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../../config/startup-error';

/** Releases the data folder (removes the pid file if it is still this process's). */
export interface DataDirLock {
  file: string;
  release(): void;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A pid reused by an unrelated program after a crash is not an instance of ours (Linux only check).
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/**
 * One service per data folder: the embedded PostgreSQL's files and the development keys cannot be
 * shared. Takes DATA_DIR/service.pid (created exclusively, holding this process's pid); a file left by a
 * process that is gone is taken over. A second start on the same folder stops here, naming the pid.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 }); // the embedded server's system user must traverse it
  const file = path.join(dataDir, 'service.pid');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return {
        file,
        release: () => {
          try {
            if (Number(readFileSync(file, 'utf8')) === process.pid) rmSync(file, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(file, 'utf8').trim());
    } catch {
      // removed in between: try again
    }
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && running(owner)) {
      throw new StartupError(
        'DATA_DIR',
        `another user service (pid ${owner}) is running on the data folder ${dataDir}`,
        `stop it first (kill ${owner}), or start this one with another DATA_DIR (and other GRPC_PORT, METRICS_PORT and EMBEDDED_POSTGRES_PORT)`,
      );
    }
    rmSync(file, { force: true }); // left by a process that is gone (or unreadable): take it over
  }
  throw new StartupError('DATA_DIR', `cannot take ${file}`, 'remove the file if no user service is running on this folder');
}
