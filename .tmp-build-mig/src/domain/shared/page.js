"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PAGE_SIZE = exports.DEFAULT_PAGE_SIZE = void 0;
exports.parsePageSize = parsePageSize;
const field_violations_1 = require("./field-violations");
exports.DEFAULT_PAGE_SIZE = 50;
exports.MAX_PAGE_SIZE = 100;
/** AIP-158 page size: 0 means the default, values over the cap are capped, negative ones refused. */
function parsePageSize(raw) {
    if (!Number.isInteger(raw) || raw < 0)
        (0, field_violations_1.invalidField)('must not be negative');
    if (raw === 0)
        return exports.DEFAULT_PAGE_SIZE;
    return Math.min(raw, exports.MAX_PAGE_SIZE);
}
//# sourceMappingURL=page.js.map