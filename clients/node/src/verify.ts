import { createPublicKey, KeyObject, verify as verifySignature } from 'node:crypto';
import type { PromiseClient } from './clients';
import type { AuthServiceService } from './gen/userservice/v1/auth_service';

export type Role = 'SUPER_ADMIN' | 'OWNER' | 'ADMIN' | 'MEMBER';
const ROLES: ReadonlySet<string> = new Set<Role>(['SUPER_ADMIN', 'OWNER', 'ADMIN', 'MEMBER']);

/** Who called, as proven by a verified access token of UserService. */
export interface VerifiedPrincipal {
  /** User id, platform admin id, or service account id. */
  subject: string;
  role: Role;
  /** The tenant id (UUID) the token belongs to; undefined for the platform (super-admins). */
  tenantId?: string;
  /** 'service_account' for a service account's token (IssueServiceToken), 'person' otherwise. */
  kind: 'person' | 'service_account';
  /** A person's session (refresh token family). */
  sessionId?: string;
  expiresAt: Date;
}

export type AccessTokenProblem = 'TOKEN_MISSING' | 'TOKEN_MALFORMED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TENANT_MISMATCH' | 'KEYS_UNAVAILABLE';

/** Why a token was refused; `reason` uses UserService's own reason names where they exist. */
export class AccessTokenError extends Error {
  constructor(
    readonly reason: AccessTokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

/** A public key as GetJwks and the HTTP JWKS publish it. */
export interface Jwk {
  kty: string;
  kid: string;
  n?: string;
  e?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
}

/** Where the verifier gets the keys: fetched at first use and again (at a bounded rate) on an unknown kid. */
export type JwksSource = () => Promise<Jwk[]>;

/** Keys from UserService's AuthService/GetJwks over gRPC. */
export function jwksFromGrpc(auth: PromiseClient<typeof AuthServiceService>): JwksSource {
  return async () => (await auth.getJwks({}, { deadlineMs: 5_000 })).keys;
}

/** Keys from the HTTP JWKS (Envoy: `GET /.well-known/jwks.json`). */
export function jwksFromUrl(url: string): JwksSource {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const body = (await response.json()) as { keys?: Jwk[] };
    if (!Array.isArray(body.keys)) throw new Error(`GET ${url} is not a JWKS`);
    return body.keys;
  };
}

export interface VerifierOptions {
  jwks: JwksSource;
  /** UserService's JWT_ISSUER (default there: "user-service"). */
  issuer: string;
  /** UserService's JWT_AUDIENCE (default there: "user-service"). */
  audience: string;
  /** Clock skew allowed on exp and nbf, in seconds (default 5, as the service itself). */
  clockToleranceSeconds?: number;
  /** Least time between two key fetches caused by unknown kids, in milliseconds (default 30 000). */
  minRefreshIntervalMs?: number;
  /** Verified tokens remembered until they expire (default 1000; 0 disables). */
  cacheSize?: number;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

/** What the caller expects of the token beyond our issuer and audience. */
export interface Expectation {
  /** A tenant id: the token must belong to it. `null`: it must be a platform token (no tenant). */
  tenantId?: string | null;
}

/** Verifies UserService access tokens (RS256) with cached keys. One per process is enough. */
export class AccessTokenVerifier {
  private keys = new Map<string, KeyObject>();
  private lastFetch = -Infinity;
  private fetching?: Promise<void>;
  private readonly verified = new Map<string, VerifiedPrincipal>();
  private readonly now: () => number;
  /** How many times the keys were fetched (observability and tests). */
  fetches = 0;

  constructor(private readonly options: VerifierOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The token's principal, or an AccessTokenError. */
  async verifyAccessToken(token: string, expect: Expectation = {}): Promise<VerifiedPrincipal> {
    const hit = this.verified.get(token);
    const principal = hit && hit.expiresAt.getTime() + this.tolerance() * 1000 > this.now() ? hit : await this.verifyFully(token);
    checkTenant(principal, expect);
    return principal;
  }

  private tolerance(): number {
    return this.options.clockToleranceSeconds ?? 5;
  }

  private async verifyFully(token: string): Promise<VerifiedPrincipal> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new AccessTokenError('TOKEN_MALFORMED', 'an access token is a JWT of three dot-separated parts');
    const header = decodeJson(parts[0]);
    if (!header || header.alg !== 'RS256' || typeof header.kid !== 'string') throw invalid('unsupported token header (RS256 with a kid is expected)');
    const key = await this.keyFor(header.kid);
    if (!key) throw invalid('the token was signed with a key this issuer does not publish');
    const signature = Buffer.from(parts[2], 'base64url');
    if (!verifySignature('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, signature)) throw invalid('bad signature');
    const claims = decodeJson(parts[1]);
    if (!claims) throw invalid('unreadable claims');
    const nowSeconds = this.now() / 1000;
    const tolerance = this.tolerance();
    if (claims.iss !== this.options.issuer) throw invalid('wrong issuer');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.options.audience)) throw invalid('wrong audience');
    if (typeof claims.exp !== 'number') throw invalid('no expiry');
    if (claims.exp + tolerance <= nowSeconds) throw new AccessTokenError('TOKEN_EXPIRED', 'the access token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf - tolerance > nowSeconds) throw invalid('not valid yet');
    const { sub, role, tid, sid, kind } = claims;
    if (typeof sub !== 'string' || typeof role !== 'string' || !ROLES.has(role)) throw invalid('missing subject or role');
    if (tid !== undefined && typeof tid !== 'string') throw invalid('bad tenant claim');
    if ((role === 'SUPER_ADMIN') !== (tid === undefined)) throw invalid('role and tenant disagree');
    if (kind !== undefined && kind !== 'service_account') throw invalid('unknown token kind');
    const principal: VerifiedPrincipal = Object.freeze({
      subject: sub,
      role: role as Role,
      tenantId: tid as string | undefined,
      kind: kind === 'service_account' ? ('service_account' as const) : ('person' as const),
      sessionId: typeof sid === 'string' ? sid : undefined,
      expiresAt: new Date(claims.exp * 1000),
    });
    this.remember(token, principal);
    return principal;
  }

  private remember(token: string, principal: VerifiedPrincipal): void {
    const size = this.options.cacheSize ?? 1000;
    if (size <= 0) return;
    if (this.verified.size >= size) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, principal);
  }

  /** The key for `kid`; on a miss, fetches the keys again unless the last fetch was too recent. */
  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (this.fetching) {
      await this.fetching;
      return this.keys.get(kid);
    }
    if (this.now() - this.lastFetch < (this.options.minRefreshIntervalMs ?? 30_000)) return undefined;
    this.fetching = this.fetchKeys().finally(() => (this.fetching = undefined));
    await this.fetching;
    return this.keys.get(kid);
  }

  private async fetchKeys(): Promise<void> {
    this.lastFetch = this.now();
    this.fetches += 1;
    let jwks: Jwk[];
    try {
      jwks = await this.options.jwks();
    } catch (error) {
      // The next unknown kid may try again at once: a failed fetch does not count against the rate.
      this.lastFetch = -Infinity;
      throw new AccessTokenError('KEYS_UNAVAILABLE', `could not fetch the issuer's keys: ${(error as Error).message}`);
    }
    const keys = new Map<string, KeyObject>();
    for (const jwk of jwks) {
      if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || (jwk.alg && jwk.alg !== 'RS256') || (jwk.use && jwk.use !== 'sig')) continue;
      keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
    }
    this.keys = keys;
  }
}

/** A verifier with these options: `createAccessTokenVerifier(options).verifyAccessToken(token)`. */
export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  return new AccessTokenVerifier(options);
}

const shared = new WeakMap<VerifierOptions, AccessTokenVerifier>();

/**
 * Verifies `token` with a verifier kept per `options` object (pass the same object every time, so keys and
 * verified tokens are cached): signature by a published key, iss, aud, exp/nbf, and the tenant if expected.
 */
export function verifyAccessToken(token: string, options: VerifierOptions & Expectation): Promise<VerifiedPrincipal> {
  let verifier = shared.get(options);
  if (!verifier) shared.set(options, (verifier = new AccessTokenVerifier(options)));
  return verifier.verifyAccessToken(token, { tenantId: options.tenantId });
}

function checkTenant(principal: VerifiedPrincipal, expect: Expectation): void {
  if (expect.tenantId === undefined) return;
  if (expect.tenantId === null ? principal.tenantId !== undefined : principal.tenantId !== expect.tenantId) {
    throw new AccessTokenError('TENANT_MISMATCH', expect.tenantId === null ? 'a platform token is required' : 'the access token belongs to another tenant');
  }
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function invalid(why: string): AccessTokenError {
  return new AccessTokenError('TOKEN_INVALID', `the access token is invalid: ${why}`);
}
