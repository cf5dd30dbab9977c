import { generateKeyPairSync, sign } from 'node:crypto';
import { Metadata, Server, ServerCredentials, ServiceError, status, UntypedServiceImplementation } from '@grpc/grpc-js';
import { accessTokenInterceptor, AccessTokenVerifier, createUserServiceClients, principalOf, proto, retryServiceConfig } from '../src';

/** A stand-in UserService on loopback: AuthService and UserService with handlers the tests set. */
async function fakeServer(handlers: Record<string, (call: { metadata: Metadata; request: unknown }) => unknown>, interceptors: never[] = []) {
  const server = new Server({ interceptors });
  const implement = (definition: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(definition).map((name) => [
        name,
        (call: { metadata: Metadata; request: unknown }, callback: (error: Partial<ServiceError> | null, value?: unknown) => void) => {
          try {
            const handler = handlers[name];
            if (!handler) return callback({ code: status.UNIMPLEMENTED, details: name });
            callback(null, handler(call));
          } catch (error) {
            callback(error as Partial<ServiceError>);
          }
        },
      ]),
    ) as UntypedServiceImplementation;
  server.addService(proto.authService.AuthServiceService, implement(proto.authService.AuthServiceService));
  server.addService(proto.userService.UserServiceService, implement(proto.userService.UserServiceService));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

const unavailable = () => Object.assign(new Error('down'), { code: status.UNAVAILABLE, details: 'down' });

test('the service config retries reads only, on UNAVAILABLE only', () => {
  const config = JSON.parse(retryServiceConfig()) as { methodConfig: Array<{ name: Array<{ service: string; method: string }>; retryPolicy: { retryableStatusCodes: string[] } }> };
  const names = config.methodConfig[0].name.map((n) => `${n.service}/${n.method}`);
  expect(names).toContain('userservice.v1.AuthService/GetJwks');
  expect(names).toContain('userservice.v1.UserService/ListUsers');
  expect(names).toContain('userservice.v1.ServiceAccountService/GetServiceAccount');
  expect(names.some((n) => /\/(Login|CreateUser|IssueServiceToken|DeleteUser|SignUp)$/.test(n))).toBe(false);
  expect(config.methodConfig[0].retryPolicy.retryableStatusCodes).toEqual(['UNAVAILABLE']);
});

test('a read answered UNAVAILABLE is retried by grpc-js; a write is not; headers and deadline are sent', async () => {
  let jwksCalls = 0;
  let loginCalls = 0;
  let seen: Metadata | undefined;
  const server = await fakeServer({
    getJwks: ({ metadata }) => {
      jwksCalls += 1;
      seen = metadata;
      if (jwksCalls < 3) throw unavailable();
      return { keys: [] };
    },
    login: () => {
      loginCalls += 1;
      throw unavailable();
    },
  });
  const clients = createUserServiceClients(server.address, { deadlineMs: 5_000 });
  try {
    expect(await clients.auth.getJwks({}, { token: 'a.b.c', tenant: 'acme' })).toEqual({ keys: [] });
    expect(jwksCalls).toBe(3);
    expect(seen!.get('authorization')).toEqual(['Bearer a.b.c']);
    expect(seen!.get('x-tenant-id')).toEqual(['acme']);
    expect(seen!.get('grpc-timeout')).toHaveLength(0); // consumed by grpc-js: the deadline travels as grpc-timeout
    await expect(clients.auth.login({ email: 'a@b.c', password: 'x' })).rejects.toMatchObject({ code: status.UNAVAILABLE });
    expect(loginCalls).toBe(1);
  } finally {
    clients.close();
    server.close();
  }
});

test('without retries (retryReads: false) a read fails at the first UNAVAILABLE', async () => {
  let calls = 0;
  const server = await fakeServer({ getJwks: () => ((calls += 1), (() => { throw unavailable(); })()) });
  const clients = createUserServiceClients(server.address, { retryReads: false });
  try {
    await expect(clients.auth.getJwks({})).rejects.toMatchObject({ code: status.UNAVAILABLE });
    expect(calls).toBe(1);
  } finally {
    clients.close();
    server.close();
  }
});

test('accessTokenInterceptor: the handler sees the principal; a missing or bad token never reaches it', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string }), kid: 'k', alg: 'RS256', use: 'sig' };
  const seconds = Math.floor(Date.now() / 1000);
  const h = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k' })).toString('base64url');
  const p = Buffer.from(JSON.stringify({ iss: 'us', aud: 'us', sub: 'sa-1', role: 'ADMIN', tid: 't-1', kind: 'service_account', exp: seconds + 60 })).toString('base64url');
  const token = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
  const verifier = new AccessTokenVerifier({ jwks: async () => [jwk], issuer: 'us', audience: 'us' });
  let handled = 0;
  const server = await fakeServer(
    {
      getMe: (call) => {
        handled += 1;
        const principal = principalOf(call)!;
        return { user: proto.user.User.fromPartial({ id: principal.subject, role: principal.kind === 'service_account' ? 2 : 0 }) };
      },
      getJwks: () => ({ keys: [] }),
    },
    [accessTokenInterceptor(verifier, { publicMethods: ['/userservice.v1.AuthService/GetJwks'], expect: (m) => ({ tenantId: m.get('x-tenant-id')[0] as string | undefined }) }) as never],
  );
  const clients = createUserServiceClients(server.address);
  try {
    expect((await clients.users.getMe({}, { token, tenant: 't-1' })).user).toMatchObject({ id: 'sa-1', role: 2 });
    await expect(clients.users.getMe({})).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    await expect(clients.users.getMe({}, { token: `${h}.${p}.AAAA` })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    await expect(clients.users.getMe({}, { token, tenant: 't-2' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    await clients.auth.getJwks({});
    expect(handled).toBe(1);
  } finally {
    clients.close();
    server.close();
  }
});

test('VERSION is the package version', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { VERSION } = require('../src') as { VERSION: string };
  expect(VERSION).toBe((require('../package.json') as { version: string }).version);
});
