import { Principal } from '../../domain/auth/principal';
import { DomainError } from '../../domain/shared/domain-error';
import { ServiceAccountScope, ServiceAccountWrites } from '../../domain/service-account/service-account-repository';
import { ServiceAccount, serviceAccountNotFound } from '../../domain/service-account/service-account';
import { UnitOfWork } from '../shared/unit-of-work';
import { Tenant } from '../../domain/tenant/tenant';
import { isUuid } from '../../domain/shared/uuid-v7';
import { RequestOrigin } from '../../domain/shared/request-origin';

/**
 * Whose service accounts a call manages: a tenant's (an OWNER or ADMIN naming its tenant in x-tenant-id)
 * or the platform's (a super-admin, without x-tenant-id; the tenant check already refuses a super-admin
 * naming a tenant).
 */
export function serviceAccountScope(actor: Principal, tenant: Tenant | undefined): ServiceAccountScope {
  if (tenant) return tenant;
  if (actor.role !== 'SUPER_ADMIN') throw DomainError.invalid([{ field: 'x-tenant-id', description: 'metadata is required: send "x-tenant-id: <tenant slug>"' }]);
  return 'platform';
}

/** A service account id (or credential id) from a request: a UUID, or INVALID_ARGUMENT naming `field`. */
export function parseId(raw: string, field: string, what: string): string {
  const id = raw.trim().toLowerCase();
  if (id === '') throw DomainError.invalid([{ field, description: 'is required' }]);
  if (!isUuid(id)) throw DomainError.invalid([{ field, description: `must be a ${what} id (UUID)` }]);
  return id;
}

/** Runs `work` on the scope's service accounts in one unit of work (tenant database or master). */
export function withServiceAccounts<T>(units: UnitOfWork, scope: ServiceAccountScope, origin: RequestOrigin, work: (accounts: ServiceAccountWrites) => Promise<T>): Promise<T> {
  return scope === 'platform' ? units.run('platform', origin, (unit) => work(unit.serviceAccounts)) : units.run(scope, origin, (unit) => work(unit.serviceAccounts));
}

/** Loads (and locks) an account the actor may manage, or NOT_FOUND / PERMISSION_DENIED. */
export async function manageable(accounts: ServiceAccountWrites, id: string, actor: Principal): Promise<ServiceAccount> {
  const account = await accounts.findById(id);
  if (!account) throw serviceAccountNotFound(id);
  account.assertManageableBy(actor);
  return account;
}
