import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import jwksRsa from 'jwks-rsa';
import { AccessTokenVerifier, jwksFromUrl } from '../../clients/node/src';
import { BenchContext } from '../support/context';
import { figure } from '../support/report';

/**
 * Scenario 8: verifying UserService access tokens in a downstream service, per call. The client kit's
 * `verifyAccessToken` against the pair most Node services use (`jsonwebtoken` + `jwks-rsa`, keys cached by
 * jwks-rsa), in the same process, same run, alternating: CPU time (user + system) per verification.
 *
 * - "every token new": 2,000 distinct tokens in turn and the kit's verified-token cache off: each call does
 *   the full work (decode, key lookup, RS256 signature, claims) on both sides.
 * - "tokens repeated": 50 callers' tokens in turn (a caller reuses its token for its lifetime), the kit
 *   with its default cache; the pair has no such cache, so it verifies fully every time.
 * Both read the same JWKS over HTTP from a local server (fetched once; not in the measured loop).
 */
const ISSUER = 'user-service';
const AUDIENCE = 'user-service';

export async function runVerifyToken(ctx: BenchContext): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'bench-key';
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as object), kid, use: 'sig', alg: 'RS256' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  try {
    const tenantId = randomUUID();
    const sign = () =>
      jwt.sign({ sub: randomUUID(), role: 'ADMIN', tid: tenantId, sid: randomUUID(), jti: randomUUID() }, privateKey, {
        algorithm: 'RS256', keyid: kid, issuer: ISSUER, audience: AUDIENCE, expiresIn: 900,
      });
    const distinct = Array.from({ length: 2_000 }, sign);
    const repeated = distinct.slice(0, 50);

    const client = jwksRsa({ jwksUri, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 });
    const pair = async (token: string) => {
      const decoded = jwt.decode(token, { complete: true });
      const key = await client.getSigningKey(decoded?.header.kid);
      return jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE });
    };
    const kitNoCache = new AccessTokenVerifier({ jwks: jwksFromUrl(jwksUri), issuer: ISSUER, audience: AUDIENCE, cacheSize: 0 });
    const kitCached = new AccessTokenVerifier({ jwks: jwksFromUrl(jwksUri), issuer: ISSUER, audience: AUDIENCE });

    /** CPU µs per verification over `count` calls cycling through `tokens`. */
    const cpuPerCall = async (verify: (token: string) => Promise<unknown>, tokens: string[], count: number) => {
      const before = process.cpuUsage();
      for (let i = 0; i < count; i += 1) await verify(tokens[i % tokens.length]);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / count;
    };
    const count = Math.max(2_000, Math.round(ctx.options.windowMs / 4)); // 8 s window → 2,000 calls per side and run
    // Warm-up: keys fetched, code paths compiled.
    for (const verify of [pair, (t: string) => kitNoCache.verifyAccessToken(t), (t: string) => kitCached.verifyAccessToken(t)]) await cpuPerCall(verify, distinct, 500);

    const runs = { pairNew: [] as number[], kitNew: [] as number[], pairRepeated: [] as number[], kitRepeated: [] as number[] };
    for (let run = 0; run < ctx.options.runs; run += 1) {
      runs.pairNew.push(await cpuPerCall(pair, distinct, count));
      runs.kitNew.push(await cpuPerCall((t) => kitNoCache.verifyAccessToken(t), distinct, count));
      runs.pairRepeated.push(await cpuPerCall(pair, repeated, count));
      runs.kitRepeated.push(await cpuPerCall((t) => kitCached.verifyAccessToken(t), repeated, count));
      ctx.log(`verify run ${run + 1}: new tokens kit ${runs.kitNew[run].toFixed(1)} µs vs pair ${runs.pairNew[run].toFixed(1)} µs; repeated kit ${runs.kitRepeated[run].toFixed(2)} µs vs pair ${runs.pairRepeated[run].toFixed(1)} µs`);
    }
    const target = { on: 'ratio' as const, op: '<=' as const, limit: 1 };
    ctx.figures.push(
      figure({ scenario: '8 verifyAccessToken, every token new', metric: 'CPU per verification', unit: 'µs', runs: runs.kitNew, baseline: { label: 'jsonwebtoken + jwks-rsa', runs: runs.pairNew }, target }),
      figure({ scenario: '8 verifyAccessToken, tokens repeated (50 callers)', metric: 'CPU per verification', unit: 'µs', runs: runs.kitRepeated, baseline: { label: 'jsonwebtoken + jwks-rsa', runs: runs.pairRepeated }, target }),
    );
    ctx.details.verifyToken = { callsPerSideAndRun: count, keyFetches: { kitNoCache: kitNoCache.fetches, kitCached: kitCached.fetches } };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
