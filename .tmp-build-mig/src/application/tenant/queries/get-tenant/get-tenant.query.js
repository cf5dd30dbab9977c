"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GetTenantQuery = void 0;
const message_1 = require("../../../shared/message");
class GetTenantQuery extends message_1.Query {
    slug;
    constructor(slug) {
        super();
        this.slug = slug;
    }
}
exports.GetTenantQuery = GetTenantQuery;
//# sourceMappingURL=get-tenant.query.js.map