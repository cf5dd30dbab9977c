import { Principal } from './principal';

/** A public key that verifies access tokens, as a JSON Web Key (RFC 7517) for the JWKS method. */
export interface PublicJwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  use: 'sig';
  alg: 'RS256';
}

/** Port: verifies an access token into its principal, and publishes the keys others verify tokens with. */
export interface AccessTokenVerifier {
  /** The token's principal; throws DomainError UNAUTHENTICATED (TOKEN_INVALID) if it is not valid now. */
  verify(token: string): Principal;
  /** Every key that may have signed a token still valid. */
  publicJwks(): PublicJwk[];
}
