import { Metadata } from '@grpc/grpc-js';

/** The headers UserService reads: `authorization: Bearer <token>` and `x-tenant-id: <tenant slug>`. */
export interface CallHeaders {
  /** An access token (from Login, RefreshToken or IssueServiceToken), sent as `authorization: Bearer …`. */
  token?: string;
  /** The tenant's slug, sent as `x-tenant-id`. */
  tenant?: string;
  /** Sent as `x-request-id`; echoed by the service and found in its logs. */
  requestId?: string;
}

export const AUTHORIZATION = 'authorization';
export const TENANT_HEADER = 'x-tenant-id';

/** Metadata carrying `headers` (each at most once), added to `base` when given. */
export function callMetadata(headers: CallHeaders = {}, base?: Metadata): Metadata {
  const metadata = base?.clone() ?? new Metadata();
  if (headers.token !== undefined) metadata.set(AUTHORIZATION, bearer(headers.token));
  if (headers.tenant !== undefined) metadata.set(TENANT_HEADER, headers.tenant);
  if (headers.requestId !== undefined) metadata.set('x-request-id', headers.requestId);
  return metadata;
}

/** `Bearer <token>`, refusing what would make a malformed header. */
export function bearer(token: string): string {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new TypeError('an access token is a JWT: three base64url parts separated by dots');
  return `Bearer ${token}`;
}

/** The bearer token of incoming metadata (a downstream server's view), or why there is none. */
export function bearerTokenOf(metadata: Metadata): { token: string } | { problem: 'missing' | 'malformed' } {
  const values = metadata.get(AUTHORIZATION);
  if (values.length === 0) return { problem: 'missing' };
  const match = values.length === 1 && typeof values[0] === 'string' ? /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(values[0]) : null;
  return match ? { token: match[1] } : { problem: 'malformed' };
}
