/** Roles as the access policy knows them: one platform role, three tenant roles. */
export type Role = 'SUPER_ADMIN' | 'OWNER' | 'ADMIN' | 'MEMBER';

/** The authenticated caller, as proven by a verified access token. */
export interface Principal {
  /** User id (tenant users), platform admin id, or service account id. */
  subject: string;
  role: Role;
  /** The tenant id the token was issued for; absent for platform admins. */
  tenantId?: string;
  /** The session (refresh token family) the token belongs to, for tenant users. */
  sessionId?: string;
  /** Set for a service account (the subject is then its id); absent for people. */
  kind?: 'service_account';
}
