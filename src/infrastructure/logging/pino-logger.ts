import pino from 'pino';
import { Logger } from '../../application/shared/logger';

/**
 * What a log line says of an error: its type, code and the first line of its message with file paths
 * cut out, never a stack, the data of the statement or SQL. Enough to find the cause by request id and
 * code; nothing that leaks rows, credentials or the code's layout.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error).slice(0, 200) };
  const e = error as { name?: unknown; code?: unknown; message?: unknown; constructor?: { name?: string } };
  const message = typeof e.message === 'string' ? e.message : '';
  // Prisma's "Invalid `x()` invocation ... Database error. Code: `23514`. Message: `...`": keep the last part.
  const database = /Message: `([^`]*)`/.exec(message)?.[1];
  const firstLine = (database ?? message.trim().split('\n')[0] ?? '').replace(/\/[^\s'"`)]*\.(ts|js)(:\d+)*/g, '<file>');
  return {
    type: e.constructor?.name ?? (typeof e.name === 'string' ? e.name : 'Error'),
    code: typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined,
    message: firstLine.slice(0, 300),
  };
}

/**
 * JSON logs on stdout (pino). Fields that could carry secrets are redacted wherever they appear, as a
 * second line of defence behind code that never logs them; errors are reduced by `safeError`. A call's own
 * lines come from its child logger, which binds its request id.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'user-service' },
      redact: {
        paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'authorization', '*.authorization', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken'],
        censor: '[redacted]',
      },
      serializers: { err: safeError },
    },
    destination,
  );
}
