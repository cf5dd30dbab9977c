"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MessageBus = void 0;
/**
 * Dispatches each command or query to the one handler registered for its class. Handlers are resolved
 * from the container, so they get their dependencies injected; registration happens in the DI modules.
 */
class MessageBus {
    resolve;
    handlers = new Map();
    constructor(resolve) {
        this.resolve = resolve;
    }
    register(message, handler) {
        if (this.handlers.has(message))
            throw new Error(`a handler for ${message.name} is already registered`);
        this.handlers.set(message, handler);
    }
    execute(message) {
        const handler = this.handlers.get(message.constructor);
        if (!handler)
            throw new Error(`no handler registered for ${message.constructor.name}`);
        return this.resolve(handler).execute(message);
    }
}
exports.MessageBus = MessageBus;
//# sourceMappingURL=message-bus.js.map