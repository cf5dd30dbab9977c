import { AccessTokenVerifier, PublicJwk } from '../../../src/domain/auth/access-token-verifier';
import { Principal } from '../../../src/domain/auth/principal';
import { DomainError } from '../../../src/domain/shared/domain-error';

/** Issued tokens as a Map: `tokenFor` hands out a JWT-shaped string that `verify` maps back to its principal. */
export class InMemoryTokenVerifier implements AccessTokenVerifier {
  private readonly issued = new Map<string, Principal>();

  tokenFor(principal: Principal): string {
    const token = `header.${Buffer.from(`${this.issued.size}:${principal.subject}`).toString('base64url')}.signature`;
    this.issued.set(token, principal);
    return token;
  }

  verify(token: string): Principal {
    const principal = this.issued.get(token);
    if (!principal) throw DomainError.of('TOKEN_INVALID', 'access token is invalid');
    return principal;
  }

  publicJwks(): PublicJwk[] {
    return [];
  }
}
