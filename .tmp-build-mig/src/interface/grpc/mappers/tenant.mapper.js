"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tenantToProto = tenantToProto;
exports.tenantStatusFromProto = tenantStatusFromProto;
const tenant_1 = require("../../../gen/proto/userservice/v1/tenant");
const TO_PROTO = {
    PROVISIONING: tenant_1.TenantStatus.TENANT_STATUS_PROVISIONING,
    ACTIVE: tenant_1.TenantStatus.TENANT_STATUS_ACTIVE,
    SUSPENDED: tenant_1.TenantStatus.TENANT_STATUS_SUSPENDED,
    DELETING: tenant_1.TenantStatus.TENANT_STATUS_DELETING,
};
function tenantToProto(tenant) {
    return {
        id: tenant.id,
        slug: tenant.slug,
        displayName: tenant.displayName,
        status: TO_PROTO[tenant.status],
        selfSignUpEnabled: tenant.selfSignUpEnabled,
        databaseServer: tenant.databaseServer,
        createTime: tenant.createdAt,
        updateTime: tenant.updatedAt,
    };
}
/** Proto status → domain status; UNSPECIFIED (and unknown numbers) → undefined. */
function tenantStatusFromProto(status) {
    return Object.keys(TO_PROTO).find((key) => TO_PROTO[key] === status);
}
//# sourceMappingURL=tenant.mapper.js.map