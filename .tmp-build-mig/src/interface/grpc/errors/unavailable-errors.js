"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUnavailableError = isUnavailableError;
/** Socket errors, PostgreSQL SQLSTATEs and Prisma codes that mean "the database cannot be reached now". */
const UNAVAILABLE_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ENOTFOUND',
    'EAI_AGAIN',
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
    'P1017', // Prisma: server closed the connection
]);
/** True when `error` (or an error it wraps) says a database could not be reached. */
function isUnavailableError(error, depth = 0) {
    if (typeof error !== 'object' || error === null || depth > 4)
        return false;
    const { code, cause, message } = error;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code))
        return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|DatabaseNotReachable/i.test(message))
        return true;
    return isUnavailableError(cause, depth + 1);
}
//# sourceMappingURL=unavailable-errors.js.map