import { Principal } from '../../domain/auth/principal';
import { Tenant } from '../../domain/tenant/tenant';
import { Logger } from '../../application/shared/logger';
import { UserView } from '../../application/user/user-view';
import { AccessPolicy } from './policy/access-policies';

/**
 * What the pipeline of `unary()` established about a call, handed to the service implementation: made
 * once per call and passed explicitly, from the checks to the method.
 */
export interface CallContext {
  requestId: string;
  method: string;
  peer: string;
  logger: Logger;
  /** Undefined for services without policies (health, reflection). */
  policy?: AccessPolicy;
  /** Set by the authentication check for non-public methods. */
  principal?: Principal;
  /** Set by the tenant check when the call names a tenant. */
  tenant?: Tenant;
  /** The caller's account as the account check found it ACTIVE (tenant users only), read once per call. */
  account?: UserView;
}

/**
 * What the checks add to the context, by type (nice-grpc's `CallContext & AuthCallContextExt` pattern): a
 * method declared with `authenticated(...)` or `authenticatedInTenant(...)` (typed-methods.ts) is handed the
 * principal and tenant as non-optional fields, and the server refuses to start unless the method's proto
 * access policy makes the checks establish them.
 */
export interface PrincipalExt {
  /** The verified caller, with the role its account has now. */
  principal: Principal;
}

export interface TenantExt {
  /** The ACTIVE tenant named by x-tenant-id, its schema current. */
  tenant: Tenant;
}

/** A public method that needs a tenant (SignUp). */
export type TenantCallContext = CallContext & TenantExt;
/** A method for signed-in callers; a tenant only if the method's tenant scope is optional. */
export type AuthenticatedCallContext = CallContext & PrincipalExt;
/** A method for signed-in callers of one tenant. */
export type TenantUserCallContext = CallContext & PrincipalExt & TenantExt;
