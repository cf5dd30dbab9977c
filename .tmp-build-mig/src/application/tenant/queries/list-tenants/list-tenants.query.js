"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ListTenantsQuery = void 0;
const message_1 = require("../../../shared/message");
/** Tenants in creation order, one page at a time, optionally of one status. */
class ListTenantsQuery extends message_1.Query {
    pageSize;
    pageToken;
    status;
    constructor(pageSize, pageToken, status) {
        super();
        this.pageSize = pageSize;
        this.pageToken = pageToken;
        this.status = status;
    }
}
exports.ListTenantsQuery = ListTenantsQuery;
//# sourceMappingURL=list-tenants.query.js.map