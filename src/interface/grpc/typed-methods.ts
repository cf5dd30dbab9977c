import { handleUnaryCall } from '@grpc/grpc-js';
import { AuthenticatedCallContext, CallContext, TenantCallContext, TenantUserCallContext } from './call-context';
import { AccessPolicy } from './policy/access-policies';
import { bindUnary, CallPipeline, unary } from './unary';

/** What a method's code relies on the checks to have put into its context. */
export interface MethodNeeds {
  principal: boolean;
  tenant: boolean;
}

const NEEDS = new WeakMap<object, MethodNeeds>();

function declare<Req, Res>(needs: MethodNeeds, handler: handleUnaryCall<Req, Res>): handleUnaryCall<Req, Res> {
  NEEDS.set(handler, needs);
  return handler;
}

/*
 * Service methods are written with one of these four; each hands the method the context its access policy
 * guarantees, by type. The guarantee is checked once, at start (`assertPoliciesProvide`): a method typed as
 * needing a principal must have a non-public policy (the authentication check then sets one or refuses the
 * call), and one needing a tenant must have tenant scope REQUIRED (the tenant check then sets one or refuses).
 * So no method reads a context field that might be missing, and nothing checks for one at run time.
 */

/** A public method: principal and tenant only if the caller sent them (Login, GetJwks, …). */
export function publicMethod<Req, Res>(method: (request: Req, context: CallContext) => Promise<Res>): handleUnaryCall<Req, Res> {
  return declare({ principal: false, tenant: false }, unary(method));
}

/** A public method in a tenant (SignUp): policy public, tenant scope REQUIRED. */
export function publicInTenant<Req, Res>(method: (request: Req, context: TenantCallContext) => Promise<Res>): handleUnaryCall<Req, Res> {
  return declare({ principal: false, tenant: true }, unary(method as (request: Req, context: CallContext) => Promise<Res>));
}

/** A method for signed-in callers (policy not public); a tenant only with tenant scope OPTIONAL. */
export function authenticated<Req, Res>(method: (request: Req, context: AuthenticatedCallContext) => Promise<Res>): handleUnaryCall<Req, Res> {
  return declare({ principal: true, tenant: false }, unary(method as (request: Req, context: CallContext) => Promise<Res>));
}

/** A method for signed-in callers of one tenant: policy not public, tenant scope REQUIRED. */
export function authenticatedInTenant<Req, Res>(method: (request: Req, context: TenantUserCallContext) => Promise<Res>): handleUnaryCall<Req, Res> {
  return declare({ principal: true, tenant: true }, unary(method as (request: Req, context: CallContext) => Promise<Res>));
}

/** The needs a handler was declared with; undefined for a handler not made by the functions above. */
export function needsOf(handler: unknown): MethodNeeds | undefined {
  return typeof handler === 'function' ? NEEDS.get(handler) : undefined;
}

/**
 * Refuses to start when a method's code could read a context field its policy does not guarantee: each
 * method of `definition` must be implemented by one of the functions above, and its proto policy must
 * provide what that function's type promises. Run for every service before it is added to the server.
 */
export function assertPoliciesProvide(
  definition: Record<string, { path: string }>,
  implementation: Record<string, unknown>,
  policies: ReadonlyMap<string, AccessPolicy>,
): void {
  for (const [name, { path }] of Object.entries(definition)) {
    const needs = needsOf(implementation[name]);
    if (!needs) throw new Error(`${path} is not declared with publicMethod, publicInTenant, authenticated or authenticatedInTenant`);
    const policy = policies.get(path);
    if (!policy) throw new Error(`${path} has no access policy`);
    if (needs.principal && policy.public) throw new Error(`${path} is typed as needing a principal, but its access policy is public`);
    if (needs.tenant && policy.tenantScope !== 'REQUIRED') {
      throw new Error(`${path} is typed as needing a tenant, but its access policy's tenant scope is ${policy.tenantScope}`);
    }
  }
}

/**
 * Checks a service's methods against their policies (`assertPoliciesProvide`), then binds each to its path,
 * policy and the server's call pipeline: from here on its handler serves calls.
 */
export function bindService(
  definition: Record<string, { path: string }>,
  implementation: Record<string, unknown>,
  policies: ReadonlyMap<string, AccessPolicy>,
  pipeline: CallPipeline,
): void {
  assertPoliciesProvide(definition, implementation, policies);
  for (const [name, { path }] of Object.entries(definition)) {
    bindUnary(implementation[name], { path, policy: policies.get(path)!, pipeline });
  }
}
