import { Tenant } from '../tenant/tenant';
import { ServiceAccount } from './service-account';

/** Where service accounts live: a tenant's database, or the master database ('platform'). */
export type ServiceAccountScope = Tenant | 'platform';

/** Port: reads of service accounts outside any unit of work. */
export interface ServiceAccountRepository {
  findById(scope: ServiceAccountScope, id: string): Promise<ServiceAccount | undefined>;
  /** The account holding the credential whose secret hashes to `secretHash`, and that credential's id. */
  findBySecretHash(scope: ServiceAccountScope, secretHash: string): Promise<{ account: ServiceAccount; credentialId: string } | undefined>;
  /** Oldest first (ids are UUIDv7), after `afterId`. */
  list(scope: ServiceAccountScope, filter: { afterId?: string; limit: number }): Promise<ServiceAccount[]>;
}

/**
 * Port: the service accounts of one scope inside a unit of work. What is added or saved has its recorded
 * events written and their effects run when the unit commits.
 */
export interface ServiceAccountWrites {
  /** Locks the account's row until the unit ends. */
  findById(id: string): Promise<ServiceAccount | undefined>;
  add(account: ServiceAccount): Promise<void>;
  /** Writes status, revocations and added credentials, or deletes a removed account; false if it is gone. */
  save(account: ServiceAccount): Promise<boolean>;
  /**
   * Records an assertion's id as used until `expiresAt` (and forgets expired ones); false if it was already
   * used: RFC 7523 assertions are single use.
   */
  claimAssertion(id: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** Stamps the last use of the account and of one credential (no event: it is bookkeeping, not a change). */
  markUsed(accountId: string, credentialId: string, at: Date): Promise<void>;
}
