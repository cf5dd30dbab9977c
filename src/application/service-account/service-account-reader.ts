import { Role } from '../../domain/auth/principal';
import { ServiceAccountStatus } from '../../domain/service-account/service-account';
import { ServiceAccountScope } from '../../domain/service-account/service-account-repository';

/** What every call of a service account checks: that the account still exists, its status and its role. */
export interface ServiceAccountState {
  status: ServiceAccountStatus;
  role: Role;
}

/**
 * Port: the state of service accounts by id, read by every call a service account makes; served through
 * the tiered cache. The unit of work forgets an entry after each change (on every replica).
 */
export interface ServiceAccountReader {
  findState(scope: ServiceAccountScope, id: string): Promise<ServiceAccountState | undefined>;
  /** `scopeId`: the tenant id, or 'platform'. */
  invalidate(scopeId: string, id: string): Promise<void>;
}
