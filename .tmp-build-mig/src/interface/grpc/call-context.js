"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.attachCallContext = attachCallContext;
exports.findCallContext = findCallContext;
exports.callContextOf = callContextOf;
const CALL_CONTEXT = Symbol('userservice.callContext');
function attachCallContext(metadata, context) {
    metadata[CALL_CONTEXT] = context;
}
function findCallContext(metadata) {
    return metadata[CALL_CONTEXT];
}
/** The context of a call of ours; its absence is a wiring bug, not a caller's error. */
function callContextOf(call) {
    const context = findCallContext(call.metadata);
    if (!context)
        throw new Error('call context missing: the call-context interceptor did not run');
    return context;
}
//# sourceMappingURL=call-context.js.map