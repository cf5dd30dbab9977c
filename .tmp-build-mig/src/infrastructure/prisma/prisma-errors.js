"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUniqueViolation = isUniqueViolation;
/** Prisma's error code for a unique-constraint violation. */
const UNIQUE_VIOLATION = 'P2002';
/** True when `error` is a Prisma unique-constraint violation (checked by shape: each generated client has its own class). */
function isUniqueViolation(error) {
    return typeof error === 'object' && error !== null && error.code === UNIQUE_VIOLATION;
}
//# sourceMappingURL=prisma-errors.js.map