"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.authenticationInterceptor = authenticationInterceptor;
const domain_error_1 = require("../../../domain/shared/domain-error");
const checking_interceptor_1 = require("./checking-interceptor");
const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;
/** Verifies the access token of every non-public call and records the caller as the call's principal. */
function authenticationInterceptor(verifier) {
    return (0, checking_interceptor_1.checkingInterceptor)((context, metadata) => {
        if (context.policy.public)
            return;
        const values = metadata.get('authorization');
        if (values.length === 0) {
            throw domain_error_1.DomainError.unauthenticated('TOKEN_MISSING', 'this method needs an access token: send "authorization: Bearer <token>"');
        }
        const match = values.length === 1 && typeof values[0] === 'string' ? BEARER.exec(values[0]) : null;
        if (!match)
            throw domain_error_1.DomainError.unauthenticated('TOKEN_MALFORMED', 'send exactly one "authorization: Bearer <token>" header');
        context.principal = verifier.verify(match[1]);
    });
}
//# sourceMappingURL=authentication.interceptor.js.map