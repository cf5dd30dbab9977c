/**
 * @userservice/client: typed gRPC clients of UserService, access token verification for downstream
 * services, and a token source for service accounts. See README.md.
 */
export { createUserServiceClients, isReadMethod, retryServiceConfig, SERVICES } from './clients';
export type { CallOptions, ClientOptions, PromiseClient, UserServiceClients } from './clients';
export { bearer, bearerTokenOf, callMetadata, AUTHORIZATION, TENANT_HEADER } from './metadata';
export type { CallHeaders } from './metadata';
export { AccessTokenError, AccessTokenVerifier, createAccessTokenVerifier, jwksFromGrpc, jwksFromUrl, verifyAccessToken } from './verify';
export type { AccessTokenProblem, Expectation, Jwk, JwksSource, Role, VerifiedPrincipal, VerifierOptions } from './verify';
export { accessTokenInterceptor, principalOf } from './server-interceptor';
export type { InterceptorOptions } from './server-interceptor';
export { ServiceTokenSource } from './token-source';
export type { ServiceTokenSourceOptions } from './token-source';
export * as proto from './protos';
export const VERSION = '0.1.0';
