"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FieldViolations = void 0;
exports.invalidField = invalidField;
const domain_error_1 = require("./domain-error");
/** Collects every invalid field of a request, so the caller learns all of them in one answer. */
class FieldViolations {
    list = [];
    add(field, description) {
        this.list.push({ field, description });
        return this;
    }
    /** Runs `parse`, recording a DomainError's violations (re-prefixed with `field`) instead of throwing. */
    capture(field, parse) {
        try {
            return parse();
        }
        catch (error) {
            if (error instanceof domain_error_1.DomainError && error.kind === 'INVALID_ARGUMENT') {
                for (const v of error.violations)
                    this.add(v.field ? `${field}.${v.field}` : field, v.description);
                return undefined;
            }
            throw error;
        }
    }
    throwIfAny() {
        if (this.list.length > 0)
            throw domain_error_1.DomainError.invalid(this.list);
    }
}
exports.FieldViolations = FieldViolations;
/** Throws INVALID_ARGUMENT for one field. Value objects use it; `FieldViolations.capture` renames the field. */
function invalidField(description) {
    throw domain_error_1.DomainError.invalid([{ field: '', description }]);
}
//# sourceMappingURL=field-violations.js.map