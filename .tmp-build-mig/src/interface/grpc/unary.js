"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.unary = unary;
exports.notYetImplemented = notYetImplemented;
const domain_error_1 = require("../../domain/shared/domain-error");
const call_context_1 = require("./call-context");
const to_grpc_status_1 = require("./errors/to-grpc-status");
/**
 * Adapts an async method of ours to grpc-js. grpc-js does not catch a rejected promise (the call would
 * hang to the client's deadline), so every outcome is answered here: a value, or the mapped status.
 */
function unary(method) {
    return (call, callback) => {
        const context = (0, call_context_1.callContextOf)(call);
        method(call.request, context).then((response) => callback(null, response), (error) => callback((0, to_grpc_status_1.toGrpcStatus)(error, context.requestId, context.logger)));
    };
}
/** For methods a later issue implements: a clear UNIMPLEMENTED rather than the generic one. */
function notYetImplemented(name) {
    return unary(async () => {
        throw new domain_error_1.DomainError('UNIMPLEMENTED', 'NOT_IMPLEMENTED', `${name} is not implemented yet`);
    });
}
//# sourceMappingURL=unary.js.map