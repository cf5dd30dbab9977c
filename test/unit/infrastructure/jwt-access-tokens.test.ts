import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtAccessTokens } from '../../../src/infrastructure/crypto/jwt-access-tokens';
import { signingKeyFromPem, verificationKeyFromPem } from '../../../src/infrastructure/crypto/signing-key';

const settings = { issuer: 'https://issuer.test', audience: 'user-service-test', ttlSeconds: 900 };

function key() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

describe('JwtAccessTokens', () => {
  const signing = key();
  const tokens = new JwtAccessTokens(signing, settings);

  test('an issued token is an RS256 JWS that jsonwebtoken verifies with the public key alone, with the claims it was issued for', async () => {
    const before = Math.floor(Date.now() / 1000);
    const issued = await tokens.issue({ subject: 'user-1', role: 'ADMIN', tenantId: 'tenant-1', sessionId: 'family-1' });
    const decoded = jwt.decode(issued.token, { complete: true })!;
    expect(decoded.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: signing.kid });
    const claims = jwt.verify(issued.token, signing.publicKey, { algorithms: ['RS256'], issuer: settings.issuer, audience: settings.audience }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: 'user-1', role: 'ADMIN', tid: 'tenant-1', sid: 'family-1', iss: settings.issuer, aud: settings.audience });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp).toBe(claims.iat! + settings.ttlSeconds);
    expect(issued.expiresAt.getTime()).toBe(claims.exp! * 1000);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims).not.toHaveProperty('kind');
  });

  test('the service verifies what it issued, a super-admin and a service account included, each token with its own jti', async () => {
    const admin = await tokens.issue({ subject: 'admin-1', role: 'SUPER_ADMIN', sessionId: 'family-2' });
    const machine = await tokens.issue({ subject: 'client-1', role: 'MEMBER', tenantId: 'tenant-1', kind: 'service_account' }, 60);
    expect(tokens.verify(admin.token)).toEqual({ subject: 'admin-1', role: 'SUPER_ADMIN', tenantId: undefined, sessionId: 'family-2' });
    expect(tokens.verify(machine.token)).toEqual({ subject: 'client-1', role: 'MEMBER', tenantId: 'tenant-1', kind: 'service_account' });
    expect((jwt.decode(machine.token) as jwt.JwtPayload).exp! - (jwt.decode(machine.token) as jwt.JwtPayload).iat!).toBe(60);
    const again = await tokens.issue({ subject: 'admin-1', role: 'SUPER_ADMIN', sessionId: 'family-2' });
    expect((jwt.decode(again.token) as jwt.JwtPayload).jti).not.toBe((jwt.decode(admin.token) as jwt.JwtPayload).jti);
  });

  test('a token whose payload was altered after signing, or signed by another key, is refused', async () => {
    const issued = await tokens.issue({ subject: 'user-1', role: 'MEMBER', tenantId: 'tenant-1', sessionId: 'family-1' });
    const [header, payload, signature] = issued.token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'OWNER' })).toString('base64url');
    expect(() => tokens.verify(`${header}.${raised}.${signature}`)).toThrow('access token is invalid');
    const other = new JwtAccessTokens(key(), settings);
    expect(() => other.verify(issued.token)).toThrow('access token is invalid');
    // A verifier that knows the key (a rotation's other key) accepts it.
    const rotated = new JwtAccessTokens(key(), settings, [verificationKeyFromPem(signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())]);
    expect(rotated.verify(issued.token)).toMatchObject({ subject: 'user-1', role: 'MEMBER' });
  });

  test('a remembered token lends nothing to another with the same signature: the altered one is refused, the genuine one still passes', async () => {
    const issued = await tokens.issue({ subject: 'user-2', role: 'MEMBER', tenantId: 'tenant-1', sessionId: 'family-3' });
    expect(tokens.verify(issued.token)).toMatchObject({ subject: 'user-2', role: 'MEMBER' });
    const [header, payload, signature] = issued.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const altered of [{ ...claims, role: 'OWNER' }, { ...claims, sub: 'user-3' }, { ...claims, tid: 'tenant-2' }]) {
      const forged = `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
      expect(() => tokens.verify(forged)).toThrow('access token is invalid');
    }
    expect(() => tokens.verify(`x${issued.token}`)).toThrow('access token is invalid');
    expect(tokens.verify(issued.token)).toMatchObject({ subject: 'user-2', role: 'MEMBER', tenantId: 'tenant-1' });
  });
});
