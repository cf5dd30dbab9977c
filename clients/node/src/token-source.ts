import { KeyObject, randomUUID, sign } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
import type { PromiseClient } from './clients';
import type { AuthServiceService } from './gen/userservice/v1/auth_service';
import { callMetadata } from './metadata';

export interface ServiceTokenSourceOptions {
  auth: PromiseClient<typeof AuthServiceService>;
  /** The service account's id. */
  clientId: string;
  /** Its client secret (`us_sk_…`); or, instead, `privateKey`. */
  clientSecret?: string;
  /**
   * A private key whose public half is registered (RegisterServiceAccountKey): each exchange sends a fresh
   * RFC 7523 assertion signed with it (RS256 or ES256, 60 s lifetime, random jti); the key never leaves here.
   */
  privateKey?: { key: KeyObject; keyId: string; audience: string };
  /** The account's tenant slug (sent as x-tenant-id); omit for a platform service account. */
  tenant?: string;
  /**
   * Renew when less than this share of the token's lifetime is left (default 0.2: a 15-minute token is
   * renewed after 12 minutes), so calls never carry a token about to expire.
   */
  renewAtRemainingShare?: number;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

/**
 * Access tokens for a service account (AuthService/IssueServiceToken), shared by concurrent calls: the token
 * is reused until it nears its expiry, and at most one exchange is in flight at a time (everyone waiting for a
 * token waits for that one). A failed exchange is not remembered: the next call tries again.
 */
export class ServiceTokenSource {
  private current?: { token: string; issuedAtMs: number; expiresAtMs: number };
  private inFlight?: Promise<string>;
  private readonly now: () => number;
  /** Exchanges made so far (observability and tests). */
  exchanges = 0;

  constructor(private readonly options: ServiceTokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid access token: the current one, or a fresh one when it is near its expiry. */
  token(): Promise<string> {
    const current = this.current;
    if (current && !this.due(current)) return Promise.resolve(current.token);
    return (this.inFlight ??= this.exchange().finally(() => (this.inFlight = undefined)));
  }

  /** Metadata for a call as the service account: its token and its tenant. */
  async metadata(): Promise<Metadata> {
    return callMetadata({ token: await this.token(), tenant: this.options.tenant });
  }

  private due(current: { issuedAtMs: number; expiresAtMs: number }): boolean {
    const share = this.options.renewAtRemainingShare ?? 0.2;
    return this.now() >= current.expiresAtMs - (current.expiresAtMs - current.issuedAtMs) * share;
  }

  /** A signed assertion: iss = sub = client id, aud = the issuer, 60 s, single-use jti. */
  private assertion({ key, keyId, audience }: { key: KeyObject; keyId: string; audience: string }): string {
    const alg = key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
    const nowSeconds = Math.floor(this.now() / 1000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${part({ alg, typ: 'JWT', kid: keyId })}.${part({ iss: this.options.clientId, sub: this.options.clientId, aud: audience, iat: nowSeconds, exp: nowSeconds + 60, jti: randomUUID() })}`;
    const signature = sign('sha256', Buffer.from(body), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
    return `${body}.${signature.toString('base64url')}`;
  }

  private async exchange(): Promise<string> {
    this.exchanges += 1;
    const issuedAtMs = this.now();
    const credential = this.options.privateKey
      ? { clientSecret: '', clientAssertion: this.assertion(this.options.privateKey), clientAssertionType: JWT_BEARER }
      : { clientSecret: this.options.clientSecret ?? '', clientAssertion: '', clientAssertionType: '' };
    const response = await this.options.auth.issueServiceToken({ clientId: this.options.clientId, ...credential }, { tenant: this.options.tenant });
    const expiresAtMs = response.accessTokenExpireTime?.getTime() ?? issuedAtMs;
    this.current = { token: response.accessToken, issuedAtMs, expiresAtMs };
    return response.accessToken;
  }
}
