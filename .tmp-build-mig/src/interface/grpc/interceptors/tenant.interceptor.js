"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TENANT_HEADER = void 0;
exports.tenantInterceptor = tenantInterceptor;
const domain_error_1 = require("../../../domain/shared/domain-error");
const tenant_slug_1 = require("../../../domain/tenant/tenant-slug");
const checking_interceptor_1 = require("./checking-interceptor");
exports.TENANT_HEADER = 'x-tenant-id';
/**
 * Resolves `x-tenant-id` against the tenant registry (through its cache) for tenant-scoped methods. A
 * token is good only in its own tenant: a caller naming another tenant is refused with PERMISSION_DENIED
 * whether or not that tenant exists. Unknown tenants are NOT_FOUND; only ACTIVE tenants serve calls.
 */
function tenantInterceptor(directory) {
    return (0, checking_interceptor_1.checkingInterceptor)(async (context, metadata) => {
        const scope = context.policy.tenantScope;
        if (scope === 'NONE')
            return;
        const values = metadata.get(exports.TENANT_HEADER);
        if (values.length === 0) {
            if (scope === 'OPTIONAL')
                return;
            throw domain_error_1.DomainError.invalid([{ field: exports.TENANT_HEADER, description: 'metadata is required: send "x-tenant-id: <tenant slug>"' }]);
        }
        if (values.length > 1 || typeof values[0] !== 'string') {
            throw domain_error_1.DomainError.invalid([{ field: exports.TENANT_HEADER, description: 'must be sent exactly once' }]);
        }
        const slug = values[0];
        try {
            tenant_slug_1.TenantSlug.parse(slug);
        }
        catch {
            throw domain_error_1.DomainError.invalid([{ field: exports.TENANT_HEADER, description: 'is not a valid tenant slug' }]);
        }
        const tenant = await directory.findBySlug(slug);
        const principal = context.principal;
        if (principal && (!tenant || tenant.id !== principal.tenantId)) {
            throw domain_error_1.DomainError.permissionDenied('TENANT_MISMATCH', `the access token is not valid for tenant '${slug}'`);
        }
        if (!tenant)
            throw domain_error_1.DomainError.notFound('TENANT_NOT_FOUND', `tenant '${slug}' does not exist`);
        tenant.assertServing();
        context.tenant = tenant;
    });
}
//# sourceMappingURL=tenant.interceptor.js.map