"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Argon2PasswordHasher = void 0;
const argon2_1 = require("@node-rs/argon2");
const bounded_concurrency_1 = require("./bounded-concurrency");
/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated compilation cannot inline). */
const ARGON2ID = 2;
/** argon2id (OWASP: m ≥ 19 MiB, t ≥ 2, p = 1), computed off the event loop with bounded concurrency. */
class Argon2PasswordHasher {
    options;
    slots;
    dummyHash;
    constructor(params) {
        this.options = { algorithm: ARGON2ID, memoryCost: params.memoryKib, timeCost: params.iterations, parallelism: params.parallelism };
        this.slots = new bounded_concurrency_1.BoundedConcurrency(params.concurrency, params.concurrency * 32);
    }
    get queueDepth() {
        return this.slots.queueDepth;
    }
    hash(password) {
        return this.slots.run(() => (0, argon2_1.hash)(password, this.options));
    }
    verify(passwordHash, password) {
        return this.slots.run(() => (0, argon2_1.verify)(passwordHash, password).catch(() => false));
    }
    async verifyDummy(password) {
        // A real hash with our parameters, made once, so the dummy verify costs exactly what a real one does.
        this.dummyHash ??= (0, argon2_1.hash)('dummy password for unknown accounts', this.options);
        await this.verify(await this.dummyHash, password);
    }
}
exports.Argon2PasswordHasher = Argon2PasswordHasher;
//# sourceMappingURL=argon2-password-hasher.js.map