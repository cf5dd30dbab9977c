"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tenantNotFound = tenantNotFound;
const domain_error_1 = require("../../domain/shared/domain-error");
function tenantNotFound(slug) {
    return domain_error_1.DomainError.notFound('TENANT_NOT_FOUND', `tenant '${slug}' does not exist`);
}
//# sourceMappingURL=tenant-errors.js.map