"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseUpdateMask = parseUpdateMask;
const domain_error_1 = require("../../../domain/shared/domain-error");
/**
 * Validates an AIP-134 update mask against the fields a method may change. An empty or missing mask,
 * an unknown field or a read-only one is INVALID_ARGUMENT naming the allowed fields.
 */
function parseUpdateMask(paths, allowed) {
    const list = paths ?? [];
    const describe = `allowed fields are ${allowed.join(', ')}`;
    if (list.length === 0)
        throw domain_error_1.DomainError.invalid([{ field: 'update_mask', description: `must name at least one field; ${describe}` }]);
    const unknown = list.filter((p) => !allowed.includes(p));
    if (unknown.length > 0) {
        throw domain_error_1.DomainError.invalid([{ field: 'update_mask', description: `cannot update ${unknown.join(', ')}; ${describe}` }]);
    }
    return new Set(list);
}
//# sourceMappingURL=update-mask.js.map