import { Metadata, ServerInterceptingCall, ServerInterceptor, ServerListenerBuilder, status } from '@grpc/grpc-js';
import { bearerTokenOf } from './metadata';
import { AccessTokenError, AccessTokenVerifier, Expectation, VerifiedPrincipal } from './verify';

const PRINCIPAL = Symbol('userservice.client.principal');
type WithPrincipal = Metadata & { [PRINCIPAL]?: VerifiedPrincipal };

export interface InterceptorOptions {
  /** Full method paths (`/pkg.Service/Method`) callable without a token (e.g. health checks). */
  publicMethods?: Iterable<string>;
  /** What to expect of each call's token, from its metadata (e.g. the tenant id the call is about). */
  expect?: (metadata: Metadata, method: string) => Expectation;
}

/**
 * A grpc-js server interceptor (`new Server({ interceptors: [accessTokenInterceptor(verifier)] })`) that
 * verifies every call's `authorization: Bearer <token>` before the handler runs. A call without a valid
 * token ends with UNAUTHENTICATED (a tenant mismatch with PERMISSION_DENIED, keys that cannot be fetched with
 * UNAVAILABLE); the handler reads the caller with `principalOf(call)`. Health and reflection calls are
 * checked too, unless listed in `publicMethods`.
 */
export function accessTokenInterceptor(verifier: AccessTokenVerifier, options: InterceptorOptions = {}): ServerInterceptor {
  const open = new Set(options.publicMethods ?? []);
  return (methodDescriptor, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, pass) => {
              if (open.has(methodDescriptor.path)) return pass(metadata);
              const bearer = bearerTokenOf(metadata);
              if ('problem' in bearer) {
                const message = bearer.problem === 'missing' ? 'this method needs an access token: send "authorization: Bearer <token>"' : 'send exactly one "authorization: Bearer <token>" header';
                return call.sendStatus({ code: status.UNAUTHENTICATED, details: message, metadata: new Metadata() });
              }
              verifier.verifyAccessToken(bearer.token, options.expect?.(metadata, methodDescriptor.path) ?? {}).then(
                (principal) => {
                  (metadata as WithPrincipal)[PRINCIPAL] = principal;
                  pass(metadata);
                },
                (error: unknown) => call.sendStatus(refusal(error)),
              );
            })
            .build(),
        ),
    });
}

/** The caller verified by accessTokenInterceptor; undefined on a public method. */
export function principalOf(call: { metadata: Metadata }): VerifiedPrincipal | undefined {
  return (call.metadata as WithPrincipal)[PRINCIPAL];
}

function refusal(error: unknown): { code: status; details: string; metadata: Metadata } {
  if (!(error instanceof AccessTokenError)) return { code: status.INTERNAL, details: 'token verification failed', metadata: new Metadata() };
  const code = error.reason === 'TENANT_MISMATCH' ? status.PERMISSION_DENIED : error.reason === 'KEYS_UNAVAILABLE' ? status.UNAVAILABLE : status.UNAUTHENTICATED;
  return { code, details: error.message, metadata: new Metadata() };
}
