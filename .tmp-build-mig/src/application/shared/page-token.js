"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PageToken = void 0;
const node_crypto_1 = require("node:crypto");
const field_violations_1 = require("../../domain/shared/field-violations");
/**
 * AIP-158 page tokens: opaque to clients, bound to the listing they came from. A token carries the
 * cursor (the last id returned) and a digest of the scope (resource kind, tenant, filters); a token
 * replayed under another scope, or altered, is refused with INVALID_ARGUMENT. It grants nothing: the
 * cursor only positions a query the caller is already allowed to make.
 */
class PageToken {
    static encode(cursor, scope) {
        return Buffer.from(JSON.stringify({ c: cursor, s: digest(scope) })).toString('base64url');
    }
    /** Returns the cursor, or undefined for an empty token (the first page). */
    static decode(token, scope) {
        if (token === '')
            return undefined;
        try {
            const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
            if (isTokenBody(parsed) && parsed.s === digest(scope))
                return parsed.c;
        }
        catch {
            // fall through: malformed
        }
        return (0, field_violations_1.invalidField)('is not a token returned by this listing with the same filters');
    }
}
exports.PageToken = PageToken;
function digest(scope) {
    return (0, node_crypto_1.createHash)('sha256').update(scope).digest('base64url').slice(0, 16);
}
function isTokenBody(value) {
    return typeof value === 'object' && value !== null && typeof value.c === 'string' && typeof value.s === 'string';
}
//# sourceMappingURL=page-token.js.map