"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.systemClock = void 0;
exports.systemClock = { now: () => new Date() };
//# sourceMappingURL=clock.js.map