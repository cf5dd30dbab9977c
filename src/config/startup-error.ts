/**
 * A start-up failure an operator can fix: which setting it concerns, what went wrong, and what to do.
 * The process entry logs it as one JSON line (`setting`, `problem`, `fix`) and exits; the message is the
 * three together, for callers that only print messages (the CLI).
 */
export class StartupError extends Error {
  constructor(
    readonly setting: string,
    readonly problem: string,
    readonly fix: string,
    readonly exitCode = 1,
  ) {
    super(`${setting}: ${problem}; ${fix}`);
  }
}

/** Where a PostgreSQL URL points, without its credentials: `host:port/database`. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/** Errors of a connection attempt that mean "nothing usable listens there", by code. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve (temporary DNS failure)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user or host (pg_hba.conf)',
};

/**
 * A StartupError naming DATABASE_URL for a failure to connect to it, or undefined for other errors.
 * `timeout expired` is pg's own connection timeout.
 */
export function databaseUrlError(error: unknown, url: string): StartupError | undefined {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const reason =
    UNREACHABLE[code] ??
    (/timeout expired|Connection terminated due to connection timeout/i.test(message) ? 'the connection timed out' : undefined) ??
    // Prisma's own wording (P1001) when a query finds no server.
    (code === 'P1001' || /Can't reach database server/.test(message) ? 'nothing answers there' : undefined);
  if (!reason) return undefined;
  return new StartupError(
    'DATABASE_URL',
    `cannot connect to PostgreSQL at ${describePostgresUrl(url)} (${reason})`,
    'start PostgreSQL there or correct DATABASE_URL; unset DATABASE_URL to run the embedded PostgreSQL instead',
  );
}
