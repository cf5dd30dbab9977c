import { getOption, hasOption } from '@bufbuild/protobuf';
import type { DescExtension, DescMethod, DescMessage } from '@bufbuild/protobuf';
import { Role } from '../../../domain/auth/principal';
import { descriptorRegistry } from '../reflection/descriptor-registry';

export type TenantScope = 'REQUIRED' | 'OPTIONAL' | 'NONE';

/** Who may call one RPC, as declared by its `(userservice.v1.access)` option. */
export interface AccessPolicy {
  method: string;
  public: boolean;
  roles: ReadonlySet<Role>;
  tenantScope: TenantScope;
  /** Only people may call it: service accounts are refused (PEOPLE_ONLY). */
  peopleOnly: boolean;
}

const ROLE_NAMES: Record<string, Role | undefined> = {
  ROLE_SUPER_ADMIN: 'SUPER_ADMIN',
  ROLE_OWNER: 'OWNER',
  ROLE_ADMIN: 'ADMIN',
  ROLE_MEMBER: 'MEMBER',
};
const SCOPES: Record<string, TenantScope> = {
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
export function loadAccessPolicies(descriptorSet: Uint8Array, packageName: string): Map<string, AccessPolicy> {
  const registry = descriptorRegistry(descriptorSet);
  const extension = registry.getExtension(`${packageName}.access`) as DescExtension | undefined;
  if (!extension) throw new Error(`descriptor set has no ${packageName}.access method option`);
  const policyMessage = extension.message as DescMessage;
  const roleEnum = policyMessage.fields.find((f) => f.name === 'roles')?.enum;
  const scopeEnum = policyMessage.fields.find((f) => f.name === 'tenant_scope')?.enum;

  const policies = new Map<string, AccessPolicy>();
  for (const file of registry.files) {
    if (file.proto.package !== packageName) continue;
    for (const service of file.services) {
      for (const method of service.methods) {
        const path = `/${service.typeName}/${method.name}`;
        if (!hasOption(method as DescMethod, extension)) throw new Error(`${path} declares no (${packageName}.access) policy`);
        const option = getOption(method as DescMethod, extension) as unknown as { public: boolean; roles: number[]; tenantScope: number; peopleOnly?: boolean };
        const roles = option.roles.map((n) => {
          const role = ROLE_NAMES[roleEnum?.values.find((v) => v.number === n)?.name ?? ''];
          if (!role) throw new Error(`${path} names an unknown role ${n}`);
          return role;
        });
        if (!option.public && roles.length === 0) throw new Error(`${path} is neither public nor open to any role`);
        const scopeName = scopeEnum?.values.find((v) => v.number === option.tenantScope)?.name ?? '';
        policies.set(path, { method: path, public: option.public, roles: new Set(roles), tenantScope: SCOPES[scopeName] ?? 'REQUIRED', peopleOnly: option.peopleOnly === true });
      }
    }
  }
  return policies;
}
