"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.accessPolicyInterceptor = accessPolicyInterceptor;
const domain_error_1 = require("../../../domain/shared/domain-error");
const checking_interceptor_1 = require("./checking-interceptor");
/**
 * Enforces the roles the proto declares for the method. It runs before the tenant interceptor on
 * purpose: it needs no I/O, and refusing on the role first means a caller without permission never
 * learns whether the tenant it named exists.
 */
function accessPolicyInterceptor() {
    return (0, checking_interceptor_1.checkingInterceptor)((context) => {
        const { policy, principal } = context;
        if (policy.public)
            return;
        if (!principal || !policy.roles.has(principal.role)) {
            throw domain_error_1.DomainError.permissionDenied('ROLE_NOT_ALLOWED', `this method needs one of the roles ${[...policy.roles].join(', ')}`);
        }
    });
}
//# sourceMappingURL=access-policy.interceptor.js.map