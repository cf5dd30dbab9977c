"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Query = exports.Command = void 0;
/**
 * A command changes state; a query reads it. Each carries its result type, so `bus.execute(new X(...))`
 * is typed by X alone.
 */
class Command {
}
exports.Command = Command;
class Query {
}
exports.Query = Query;
//# sourceMappingURL=message.js.map