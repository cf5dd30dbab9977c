import { Metadata } from '@grpc/grpc-js';
import { Principal } from '../../domain/auth/principal';
import { Tenant } from '../../domain/tenant/tenant';
import { Logger } from '../../application/shared/logger';
import { AccessPolicy } from './policy/access-policies';

/**
 * What the interceptors established about a call, handed to the service implementation. It travels on
 * the call's Metadata object under a Symbol key: the same object flows from the interceptors to the
 * handler, and a client cannot forge a Symbol-keyed property (it can only send string headers).
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
}

const CALL_CONTEXT = Symbol('userservice.callContext');

type WithContext = Metadata & { [CALL_CONTEXT]?: CallContext };

export function attachCallContext(metadata: Metadata, context: CallContext): void {
  (metadata as WithContext)[CALL_CONTEXT] = context;
}

export function findCallContext(metadata: Metadata): CallContext | undefined {
  return (metadata as WithContext)[CALL_CONTEXT];
}

/** The context of a call of ours; its absence is a wiring bug, not a caller's error. */
export function callContextOf(call: { metadata: Metadata }): CallContext {
  const context = findCallContext(call.metadata);
  if (!context) throw new Error('call context missing: the call-context interceptor did not run');
  return context;
}

/** The tenant the interceptor resolved for a TENANT_SCOPE_REQUIRED method. */
export function requiredTenant(context: CallContext): Tenant {
  if (!context.tenant) throw new Error(`${context.method} ran without a tenant: its access policy must require one`);
  return context.tenant;
}

/** The authenticated caller of a non-public method. */
export function requiredPrincipal(context: CallContext): Principal {
  if (!context.principal) throw new Error(`${context.method} ran without a principal: its access policy must not be public`);
  return context.principal;
}
