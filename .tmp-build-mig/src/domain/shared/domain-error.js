"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainError = void 0;
class DomainError extends Error {
    kind;
    reason;
    violations;
    constructor(kind, reason, message, violations = []) {
        super(message);
        this.kind = kind;
        this.reason = reason;
        this.violations = violations;
        this.name = 'DomainError';
    }
    static invalid(violations) {
        const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
        return new DomainError('INVALID_ARGUMENT', 'INVALID_ARGUMENT', `invalid request: ${summary}`, violations);
    }
    static notFound(reason, message) {
        return new DomainError('NOT_FOUND', reason, message);
    }
    static alreadyExists(reason, message) {
        return new DomainError('ALREADY_EXISTS', reason, message);
    }
    static failedPrecondition(reason, message) {
        return new DomainError('FAILED_PRECONDITION', reason, message);
    }
    static unauthenticated(reason, message) {
        return new DomainError('UNAUTHENTICATED', reason, message);
    }
    static permissionDenied(reason, message) {
        return new DomainError('PERMISSION_DENIED', reason, message);
    }
    static unavailable(reason, message) {
        return new DomainError('UNAVAILABLE', reason, message);
    }
}
exports.DomainError = DomainError;
//# sourceMappingURL=domain-error.js.map