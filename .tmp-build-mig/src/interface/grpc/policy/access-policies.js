"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadAccessPolicies = loadAccessPolicies;
const protobuf_1 = require("@bufbuild/protobuf");
const wkt_1 = require("@bufbuild/protobuf/wkt");
const ROLE_NAMES = {
    ROLE_SUPER_ADMIN: 'SUPER_ADMIN',
    ROLE_OWNER: 'OWNER',
    ROLE_ADMIN: 'ADMIN',
    ROLE_MEMBER: 'MEMBER',
};
const SCOPES = {
    TENANT_SCOPE_UNSPECIFIED: 'REQUIRED',
    TENANT_SCOPE_REQUIRED: 'REQUIRED',
    TENANT_SCOPE_OPTIONAL: 'OPTIONAL',
    TENANT_SCOPE_NONE: 'NONE',
};
/**
 * Reads every RPC's access policy from the descriptor set at start: the proto is the single source of
 * truth, and reflection shows callers the same policy the server enforces. A method of ours without a
 * policy stops the start (fail closed).
 */
function loadAccessPolicies(descriptorSet, packageName) {
    const registry = (0, protobuf_1.createFileRegistry)((0, protobuf_1.fromBinary)(wkt_1.FileDescriptorSetSchema, descriptorSet));
    const extension = registry.getExtension(`${packageName}.access`);
    if (!extension)
        throw new Error(`descriptor set has no ${packageName}.access method option`);
    const policyMessage = extension.message;
    const roleEnum = policyMessage.fields.find((f) => f.name === 'roles')?.enum;
    const scopeEnum = policyMessage.fields.find((f) => f.name === 'tenant_scope')?.enum;
    const policies = new Map();
    for (const file of registry.files) {
        if (file.proto.package !== packageName)
            continue;
        for (const service of file.services) {
            for (const method of service.methods) {
                const path = `/${service.typeName}/${method.name}`;
                if (!(0, protobuf_1.hasOption)(method, extension))
                    throw new Error(`${path} declares no (${packageName}.access) policy`);
                const option = (0, protobuf_1.getOption)(method, extension);
                const roles = option.roles.map((n) => {
                    const role = ROLE_NAMES[roleEnum?.values.find((v) => v.number === n)?.name ?? ''];
                    if (!role)
                        throw new Error(`${path} names an unknown role ${n}`);
                    return role;
                });
                if (!option.public && roles.length === 0)
                    throw new Error(`${path} is neither public nor open to any role`);
                const scopeName = scopeEnum?.values.find((v) => v.number === option.tenantScope)?.name ?? '';
                policies.set(path, { method: path, public: option.public, roles: new Set(roles), tenantScope: SCOPES[scopeName] ?? 'REQUIRED' });
            }
        }
    }
    return policies;
}
//# sourceMappingURL=access-policies.js.map