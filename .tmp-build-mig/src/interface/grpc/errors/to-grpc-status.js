"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ERROR_DOMAIN = void 0;
exports.toGrpcStatus = toGrpcStatus;
const grpc_js_1 = require("@grpc/grpc-js");
const domain_error_1 = require("../../../domain/shared/domain-error");
const error_details_1 = require("../../../gen/proto/google/rpc/error_details");
const status_1 = require("../../../gen/proto/google/rpc/status");
const unavailable_errors_1 = require("./unavailable-errors");
/** Domain of our ErrorInfo details (AIP-193). */
exports.ERROR_DOMAIN = 'userservice.v1';
const CODES = {
    INVALID_ARGUMENT: grpc_js_1.status.INVALID_ARGUMENT,
    UNAUTHENTICATED: grpc_js_1.status.UNAUTHENTICATED,
    PERMISSION_DENIED: grpc_js_1.status.PERMISSION_DENIED,
    NOT_FOUND: grpc_js_1.status.NOT_FOUND,
    ALREADY_EXISTS: grpc_js_1.status.ALREADY_EXISTS,
    FAILED_PRECONDITION: grpc_js_1.status.FAILED_PRECONDITION,
    RESOURCE_EXHAUSTED: grpc_js_1.status.RESOURCE_EXHAUSTED,
    UNAVAILABLE: grpc_js_1.status.UNAVAILABLE,
    UNIMPLEMENTED: grpc_js_1.status.UNIMPLEMENTED,
};
/**
 * The one place a gRPC status is built from an error. A DomainError keeps its message and gets a
 * `google.rpc.Status` in `grpc-status-details-bin` with ErrorInfo (reason) and, for validation,
 * BadRequest field violations. An unreachable database becomes UNAVAILABLE. Anything else becomes INTERNAL
 * with only the request id: the error itself (stack, SQL) goes to the log, never to the caller.
 */
function toGrpcStatus(error, requestId, logger) {
    if (error instanceof domain_error_1.DomainError)
        return build(CODES[error.kind], error.message, error.reason, error.violations);
    if ((0, unavailable_errors_1.isUnavailableError)(error)) {
        logger.warn({ err: error, requestId }, 'dependency unavailable');
        return build(grpc_js_1.status.UNAVAILABLE, 'a backing service is unavailable; retry with backoff', 'DEPENDENCY_UNAVAILABLE', []);
    }
    logger.error({ err: error, requestId }, 'unexpected error');
    return build(grpc_js_1.status.INTERNAL, `internal error (request id ${requestId})`, 'INTERNAL', []);
}
function build(code, message, reason, violations) {
    const details = [
        {
            typeUrl: 'type.googleapis.com/google.rpc.ErrorInfo',
            value: Buffer.from(error_details_1.ErrorInfo.encode({ reason, domain: exports.ERROR_DOMAIN, metadata: {} }).finish()),
        },
    ];
    if (violations.length > 0) {
        details.push({
            typeUrl: 'type.googleapis.com/google.rpc.BadRequest',
            value: Buffer.from(error_details_1.BadRequest.encode({
                fieldViolations: violations.map((v) => ({ field: v.field, description: v.description, reason: '', localizedMessage: undefined })),
            }).finish()),
        });
    }
    const metadata = new grpc_js_1.Metadata();
    metadata.set('grpc-status-details-bin', Buffer.from(status_1.Status.encode({ code, message, details }).finish()));
    return { code, details: message, metadata };
}
//# sourceMappingURL=to-grpc-status.js.map