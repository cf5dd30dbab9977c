import { createServer } from 'node:net';
import { StartupError } from '../config/startup-error';

/**
 * Fails fast, before any slow start-up work, when `host:port` cannot be listened on: binds it for an
 * instant and releases it. Port 0 (any free port) always passes. The real bind still reports its own
 * failure (the port may be taken in between), through the same StartupError.
 */
export function assertPortFree(setting: string, host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(portError(setting, host, port, error) ?? error));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A StartupError naming `setting` for a listen failure, or undefined for errors of another kind. */
export function portError(setting: string, host: string, port: number, error: { code?: unknown; message?: unknown }): StartupError | undefined {
  const where = `${host}:${port}`;
  const message = typeof error.message === 'string' ? error.message : '';
  if (error.code === 'EADDRINUSE' || /address already in use|No address added out of total/i.test(message)) {
    return new StartupError(setting, `${where} is already in use by another program (another user service?)`, `stop that program, or set ${setting} to a free port (0 picks any free port)`);
  }
  if (error.code === 'EACCES') return new StartupError(setting, `not allowed to listen on ${where}`, `use a port above 1023, or set ${setting} to a free port`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new StartupError(setting, `cannot listen on ${where}: this machine has no such address`, 'set the host to an address of this machine (0.0.0.0 for all, 127.0.0.1 for this machine only)');
  }
  return undefined;
}
