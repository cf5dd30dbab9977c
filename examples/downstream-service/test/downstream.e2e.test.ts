import { Client, credentials, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { Role } from '../../../src/gen/proto/userservice/v1/access';
import { createUserServiceClients, proto } from '../../../clients/node/src';
import { headers } from '../../../test/support/grpc-clients';
import { as, createActor, signUpActor } from '../../../test/support/security-fixtures';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { createTenant } from '../../../test/support/tenants';
import { ReportsService, startDownstream, TeamSizeReply } from '../src/server';

/** The example downstream service against the real user service: it verifies callers and calls back as a service account. */
let t: TestApp;
let downstream: { port: number; stop(): Promise<void> };
let client: Client;
let slug: string;
let ownerToken: string;
let outsiderToken: string;

beforeAll(async () => {
  t = await startTestApp();
  slug = await createTenant(t);
  const owner = await signUpActor(t, slug, 'owner');
  await createActor(t, owner, Role.ROLE_MEMBER, 'member');
  ownerToken = owner.token;
  outsiderToken = (await signUpActor(t, await createTenant(t), 'outsider')).token;
  const tenantId = (await t.clients.tenants.getTenant({ slug }, headers({ token: await t.superAdminToken() }))).tenant!.id;

  const kit = createUserServiceClients(t.address);
  const account = (await kit.serviceAccounts.createServiceAccount(
    proto.serviceAccountService.CreateServiceAccountRequest.fromPartial({ serviceAccount: { name: 'reports', role: proto.access.Role.ROLE_ADMIN } }),
    { metadata: as(owner) },
  )).serviceAccount!;
  const { clientSecret } = await kit.serviceAccounts.createServiceAccountSecret({ serviceAccountId: account.id, expireTime: undefined }, { metadata: as(owner) });
  kit.close();

  downstream = await startDownstream({ userService: t.address, tenantSlug: slug, tenantId, clientId: account.id, clientSecret });
  client = new Client(`127.0.0.1:${downstream.port}`, credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await downstream?.stop();
  await t?.dispose();
});

function teamSize(token?: string): Promise<TeamSizeReply> {
  const metadata = new Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  const method = ReportsService.teamSize;
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize as (b: Buffer) => TeamSizeReply, {}, metadata, { deadline: Date.now() + 10_000 }, (error, reply) =>
      error ? reject(error) : resolve(reply!),
    ),
  );
}

test('a user of the tenant calls it: it verifies the token and answers from UserService, called as its service account', async () => {
  const reply = await teamSize(ownerToken);
  expect(reply).toEqual({ activeUsers: 2, askedBy: expect.any(String), askedAs: 'person' });
});

test('no token, a forged token, or a token of another tenant never reaches its handler', async () => {
  await expect(teamSize()).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
  const [h, p] = ownerToken.split('.');
  await expect(teamSize(`${h}.${p}.AAAA`)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
  const error = (await teamSize(outsiderToken).catch((e: ServiceError) => e)) as ServiceError;
  expect(error.code).toBe(status.PERMISSION_DENIED);
});
