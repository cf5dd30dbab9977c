"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BoundedConcurrency = void 0;
const domain_error_1 = require("../../domain/shared/domain-error");
/**
 * Runs at most `limit` tasks at once and queues at most `maxQueue` more; beyond that, callers get
 * RESOURCE_EXHAUSTED at once instead of waiting without bound (a login storm must not starve other calls).
 */
class BoundedConcurrency {
    limit;
    maxQueue;
    active = 0;
    waiting = [];
    constructor(limit, maxQueue) {
        this.limit = limit;
        this.maxQueue = maxQueue;
    }
    get queueDepth() {
        return this.waiting.length;
    }
    async run(task) {
        if (this.active >= this.limit) {
            if (this.waiting.length >= this.maxQueue) {
                throw new domain_error_1.DomainError('RESOURCE_EXHAUSTED', 'PASSWORD_HASHING_BUSY', 'too many sign-ins at once; retry shortly');
            }
            await new Promise((resolve) => this.waiting.push(resolve));
        }
        else {
            this.active += 1;
        }
        try {
            return await task();
        }
        finally {
            const next = this.waiting.shift();
            // Hand the slot straight to the next waiter, or free it.
            if (next)
                next();
            else
                this.active -= 1;
        }
    }
}
exports.BoundedConcurrency = BoundedConcurrency;
//# sourceMappingURL=bounded-concurrency.js.map