"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.callContextInterceptor = callContextInterceptor;
const node_crypto_1 = require("node:crypto");
const grpc_js_1 = require("@grpc/grpc-js");
const call_context_1 = require("../call-context");
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/**
 * First in the chain: gives every call a request id (the caller's `x-request-id` when well-formed),
 * creates its CallContext, returns the id in response headers and trailers, and logs the outcome.
 */
function callContextInterceptor(policies, logger) {
    return (method, call) => {
        let context;
        const startedAt = performance.now();
        return new grpc_js_1.ServerInterceptingCall(call, {
            start: (next) => next(new grpc_js_1.ServerListenerBuilder()
                .withOnReceiveMetadata((metadata, pass) => {
                const offered = metadata.get('x-request-id')[0];
                const requestId = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : (0, node_crypto_1.randomUUID)();
                context = {
                    requestId,
                    method: method.path,
                    peer: call.getPeer(),
                    logger: logger.child({ requestId, method: method.path }),
                    policy: policies.get(method.path),
                };
                (0, call_context_1.attachCallContext)(metadata, context);
                pass(metadata);
            })
                .build()),
            sendMetadata: (metadata, next) => {
                if (context)
                    metadata.set('x-request-id', context.requestId);
                next(metadata);
            },
            sendStatus: (outcome, next) => {
                if (context) {
                    const trailers = outcome.metadata ?? new grpc_js_1.Metadata();
                    trailers.set('x-request-id', context.requestId);
                    const fields = {
                        code: grpc_js_1.status[outcome.code],
                        ms: Math.round((performance.now() - startedAt) * 100) / 100,
                        tenant: context.tenant?.slug,
                        peer: context.peer,
                    };
                    if (outcome.code === grpc_js_1.status.OK)
                        context.logger.debug(fields, 'call completed');
                    else
                        context.logger.info({ ...fields, details: outcome.details }, 'call failed');
                    next({ ...outcome, metadata: trailers });
                }
                else {
                    next(outcome);
                }
            },
        });
    };
}
//# sourceMappingURL=call-context.interceptor.js.map