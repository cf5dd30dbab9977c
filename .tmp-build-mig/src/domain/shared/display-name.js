"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseDisplayName = parseDisplayName;
const field_violations_1 = require("./field-violations");
const MAX_LENGTH = 200;
/** A human-readable name (of a user or a tenant): trimmed, 1..200 characters, no control characters. */
function parseDisplayName(raw) {
    const value = raw.trim();
    if (value.length === 0)
        (0, field_violations_1.invalidField)('is required');
    if ([...value].length > MAX_LENGTH)
        (0, field_violations_1.invalidField)(`must be at most ${MAX_LENGTH} characters`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value))
        (0, field_violations_1.invalidField)('must not contain control characters');
    return value;
}
//# sourceMappingURL=display-name.js.map