import { Principal } from './principal';

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/** Port: signs access tokens for a principal. */
export interface AccessTokenIssuer {
  /** `ttlSeconds` overrides the configured lifetime (service accounts' tokens have their own). */
  issue(principal: Principal, ttlSeconds?: number): Promise<IssuedAccessToken>;
}
