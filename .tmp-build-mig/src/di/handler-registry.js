"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerHandlers = registerHandlers;
const message_1 = require("../application/shared/message");
const message_bus_1 = require("../application/shared/message-bus");
const tokens_1 = require("./tokens");
/** Binds the handlers in the container and registers them on the command or query bus. */
function registerHandlers(container, registrations) {
    const commands = new message_bus_1.MessageBus((handler) => container.get(handler));
    const queries = new message_bus_1.MessageBus((handler) => container.get(handler));
    for (const [message, handler] of registrations) {
        container.bind(handler).toSelf().inSingletonScope();
        (message.prototype instanceof message_1.Command ? commands : queries).register(message, handler);
    }
    container.bind(tokens_1.TOKENS.CommandBus).toConstantValue(commands);
    container.bind(tokens_1.TOKENS.QueryBus).toConstantValue(queries);
}
//# sourceMappingURL=handler-registry.js.map