"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Email = void 0;
const field_violations_1 = require("./field-violations");
const MAX_LENGTH = 254;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by mail, not regex.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An email address as given (trimmed) and its normalised form (lower case) used for uniqueness. */
class Email {
    value;
    normalized;
    constructor(value, normalized) {
        this.value = value;
        this.normalized = normalized;
    }
    static parse(raw) {
        const value = raw.trim();
        if (value.length === 0)
            (0, field_violations_1.invalidField)('is required');
        if (value.length > MAX_LENGTH)
            (0, field_violations_1.invalidField)(`must be at most ${MAX_LENGTH} characters`);
        if (!SHAPE.test(value))
            (0, field_violations_1.invalidField)('must be an email address such as name@example.com');
        return new Email(value, value.toLowerCase());
    }
}
exports.Email = Email;
//# sourceMappingURL=email.js.map