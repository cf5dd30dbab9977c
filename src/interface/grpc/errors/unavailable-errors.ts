/** Socket errors, PostgreSQL SQLSTATEs, driver-adapter kinds and Prisma codes that mean "a database cannot be reached now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '55000', // object_not_in_prerequisite_state: "database is not currently accepting connections"
  '57014', // query_canceled: our statement timeout fired (a hung server)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  '3D000', // invalid_catalog_name: the tenant database is gone
  'P1001', // Prisma: can't reach database server
  'P1002',
  'P1003', // Prisma: database does not exist
  'P1017', // Prisma: server closed the connection
  'P2024', // Prisma: timed out fetching a connection from the pool
  'P2028', // Prisma: transaction API error (could not start a transaction in time)
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'SocketTimeout',
  'ConnectionClosed',
  'TransactionTimeout',
]);

const UNAVAILABLE_MESSAGES = /Connection terminated|Query read timeout|canceling statement due to statement timeout|timeout exceeded when trying to connect|not currently accepting connections|does not exist on the database server|Unable to start a transaction in the given time|Timed out fetching a new connection/i;

/**
 * True when `error`, or anything it wraps (`cause`, Prisma's `meta.driverAdapterError`), says a database
 * could not be reached or did not answer in time.
 */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: unknown; driverAdapterError?: unknown };
  for (const code of [e.code, e.kind, e.originalCode]) if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return [e.cause, e.meta, e.driverAdapterError].some((inner) => isUnavailableError(inner, depth + 1));
}
