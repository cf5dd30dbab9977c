"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkingInterceptor = checkingInterceptor;
const grpc_js_1 = require("@grpc/grpc-js");
const call_context_1 = require("../call-context");
const to_grpc_status_1 = require("../errors/to-grpc-status");
/**
 * Builds a server interceptor that runs `check` once the request metadata arrives. A refused call ends
 * with the mapped status and never reaches the handler. Synchronous checks pass the call on without an
 * extra turn of the event loop; only checks that do I/O (the tenant lookup on a cache miss) await.
 */
function checkingInterceptor(check) {
    return (_method, call) => new grpc_js_1.ServerInterceptingCall(call, {
        start: (next) => next(new grpc_js_1.ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, pass) => {
            const context = (0, call_context_1.findCallContext)(metadata);
            if (!context?.policy)
                return pass(metadata);
            const refuse = (error) => call.sendStatus((0, to_grpc_status_1.toGrpcStatus)(error, context.requestId, context.logger));
            let pending;
            try {
                pending = check(context, metadata);
            }
            catch (error) {
                return refuse(error);
            }
            if (pending instanceof Promise)
                pending.then(() => pass(metadata), refuse);
            else
                pass(metadata);
        })
            .build()),
    });
}
//# sourceMappingURL=checking-interceptor.js.map