import { Principal } from './principal';

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/** Port: signs access tokens for a principal. */
export interface AccessTokenIssuer {
  issue(principal: Principal): IssuedAccessToken;
}
