// Input limits with no gaps (issue 15): the metadata cap counts every value of every key; Unicode control
// characters, line separators and bidirectional overrides are refused in every text field; every Timestamp
// a caller sends is checked against 0001-01-01..9999-12-31. Each refusal names the field and stores nothing.
import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { AuditServiceService } from '../../src/gen/proto/userservice/v1/audit_service';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { headers } from '../support/grpc-clients';
import { Actor, as, createActor, expectViolation, platformState, signUpActor, tenantState } from '../support/security-fixtures';
import { deadlineIn, RawClient } from '../support/security-rpc';
import { statusDetails } from '../support/status-details';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;
let raw: RawClient;
let slug: string;
let owner: Actor;
let member: Actor;
let superAdmin: Metadata;

beforeAll(async () => {
  t = await startTestApp();
  raw = new RawClient(t.address);
  slug = await createTenant(t, { slug: 'gaps' });
  owner = await signUpActor(t, slug, 'owner');
  member = await createActor(t, owner, Role.ROLE_MEMBER, 'member');
  superAdmin = headers({ token: await t.superAdminToken() });
});
afterAll(async () => {
  raw?.close();
  await t?.dispose();
});

const state = async () => ({ tenant: await tenantState(slug), platform: await platformState(t.masterDatabase) });

async function refusedWithoutEffect(attempt: () => Promise<unknown>): Promise<ServiceError> {
  const before = await state();
  const outcome = await attempt().then(
    () => undefined,
    (e: ServiceError) => e,
  );
  expect(outcome ? status[outcome.code] : 'OK (accepted)').toBe('INVALID_ARGUMENT');
  expect(await state()).toEqual(before);
  return outcome!;
}

describe('request metadata: the 16 KiB cap counts every value of every key', () => {
  test.each([
    ['forty 1,000-byte values of one -bin key', (m: Metadata) => Array.from({ length: 40 }, () => m.add('x-pad-bin', Buffer.alloc(1_000, 7)))],
    ['forty 1,000-character values of one text key', (m: Metadata) => Array.from({ length: 40 }, () => m.add('x-pad', 'p'.repeat(1_000)))],
    ['forty keys of 1,000 characters each', (m: Metadata) => Array.from({ length: 40 }, (_, i) => m.set(`x-pad-${i}`, 'p'.repeat(1_000)))],
  ])('%s is RESOURCE_EXHAUSTED before any handler runs', async (_case, pad) => {
    const metadata = as(member);
    pad(metadata);
    const outcome = await raw.settle(UserServiceService.getMe, {}, metadata, deadlineIn(10_000));
    expect(outcome.ok ? 'OK' : `${status[outcome.error.code]} ${statusDetails(outcome.error).reason}`).toBe('RESOURCE_EXHAUSTED METADATA_TOO_LARGE');
  });

  test('metadata just under the cap in several values is accepted', async () => {
    const metadata = as(member);
    for (let i = 0; i < 10; i += 1) metadata.add('x-pad-bin', Buffer.alloc(750, 7)); // 10 × 1,000 base64 characters
    const outcome = await raw.settle(UserServiceService.getMe, {}, metadata, deadlineIn(10_000));
    expect(outcome.ok).toBe(true);
  });
});

describe('text fields refuse control characters, line separators and bidirectional overrides', () => {
  const characters: Array<[string, string]> = [
    ['U+009B (C1 CSI, a terminal escape)', '\u009b'],
    ['U+0085 (C1 next line)', '\u0085'],
    ['U+0080 (first C1)', '\u0080'],
    ['U+009F (last C1)', '\u009f'],
    ['U+202E (right-to-left override)', '\u202e'],
    ['U+202A (left-to-right embedding)', '\u202a'],
    ['U+2066 (left-to-right isolate)', '\u2066'],
    ['U+2069 (pop directional isolate)', '\u2069'],
    ['U+2028 (line separator)', '\u2028'],
    ['U+2029 (paragraph separator)', '\u2029'],
    ['U+001B (escape)', '\u001b'],
  ];
  const within = (c: string) => `evil${c}name`;
  const calls: Array<[string, string, (c: string) => Promise<unknown>]> = [
    ['SignUp name', 'name', (c) => t.clients.auth.signUp({ ...newUser('ctl'), name: within(c) }, headers({ tenant: slug }))],
    ['SignUp email', 'email', (c) => t.clients.auth.signUp({ ...newUser('ctl'), email: `evil${c}${Date.now()}@example.com` }, headers({ tenant: slug }))],
    ['CreateUser name', 'name', (c) => t.clients.users.createUser({ ...newUser('ctl'), name: within(c), role: Role.ROLE_MEMBER }, as(owner))],
    ['CreateUser email', 'email', (c) => t.clients.users.createUser({ ...newUser('ctl'), email: `evil${c}${Date.now()}@example.com`, role: Role.ROLE_MEMBER }, as(owner))],
    ['UpdateMe name', 'user.name', (c) => t.clients.users.updateMe({ user: User.fromPartial({ name: within(c) }), updateMask: ['name'] }, as(member))],
    ['UpdateUser name', 'user.name', (c) => t.clients.users.updateUser({ user: User.fromPartial({ id: member.id, name: within(c) }), updateMask: ['name'] }, as(owner))],
    ['CreateTenant display_name', 'tenant.display_name', (c) => t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: `ctl-${Date.now().toString(36)}`, displayName: within(c) }) }, superAdmin)],
    ['UpdateTenant display_name', 'tenant.display_name', (c) => t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, displayName: within(c) }), updateMask: ['display_name'] }, superAdmin)],
    [
      'ListUsers email_prefix',
      'email_prefix',
      (c) => t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: Role.ROLE_UNSPECIFIED, status: UserStatus.USER_STATUS_UNSPECIFIED, emailPrefix: `evil${c}` }, as(owner)),
    ],
    [
      'ListAuditEvents actor_id',
      'actor_id',
      (c) => t.clients.audit.listAuditEvents({ pageSize: 0, pageToken: '', actorId: `evil${c}`, action: '', startTime: undefined, endTime: undefined }, as(owner)),
    ],
  ];
  const cases = calls.flatMap(([name, field, call]) => characters.map(([label, c]) => [name, label, field, call, c] as const));

  test.each(cases)('%s with %s is INVALID_ARGUMENT naming the field, and stores nothing', async (_name, _label, field, call, c) => {
    expectViolation(await refusedWithoutEffect(() => call(c)), field);
  });

  test('names in any script, with emoji and ordinary punctuation, are still accepted', async () => {
    for (const name of ['Zoë Ångström-Łukasiewicz', 'محمد علي', 'שרה כהן', '李小龍 😀', "O'Brien, Jr."]) {
      const created = await t.clients.auth.signUp({ ...newUser('script'), name }, headers({ tenant: slug }));
      expect(created.user?.name).toBe(name);
    }
  });
});

describe('every Timestamp a caller sends is within 0001-01-01..9999-12-31', () => {
  /** ListAuditEventsRequest with start_time (field 5) or end_time (field 6) of `seconds`, encoded by hand. */
  const withTimestamp = (field: 5 | 6, seconds: bigint) => {
    const writer = new BinaryWriter();
    writer.uint32((field << 3) | 2).fork().uint32(8).int64(seconds).join();
    return Buffer.from(writer.finish());
  };
  const listRaw = { path: AuditServiceService.listAuditEvents.path, requestSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b };

  const year0 = -62_135_596_801n; // 0000-12-31T23:59:59Z, one second before the minimum
  const year10000 = 253_402_300_800n; // 10000-01-01T00:00:00Z
  test.each([
    ['start_time', 5, year0],
    ['start_time', 5, year10000],
    ['start_time', 5, 10n ** 15n], // beyond what a JavaScript Date holds
    ['start_time', 5, 2n ** 62n], // beyond 2^53: the generated decoder refuses the whole message
    ['end_time', 6, -(10n ** 15n)],
    ['end_time', 6, -(2n ** 62n)],
    ['end_time', 6, year10000],
  ] as const)('%s (field %i) of %s seconds is INVALID_ARGUMENT naming the field, and logs no unexpected error', async (field, tag, seconds) => {
    const before = t.logs.length;
    const outcome = await raw.settle(listRaw, withTimestamp(tag, seconds), as(owner), deadlineIn(10_000));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expectViolation(outcome.error, field);
    expect(t.logs.slice(before).filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  test('a Timestamp beyond 2^53 seconds nested in a resource (UpdateUser user.create_time) is INVALID_ARGUMENT naming it', async () => {
    // UpdateUserRequest { User user = 1 { Timestamp create_time = 7 } }, encoded by hand.
    const user = new BinaryWriter();
    user.uint32(10).string(member.id);
    user.uint32(58).fork().uint32(8).int64(2n ** 62n).join();
    const request = new BinaryWriter();
    request.uint32(10).bytes(user.finish());
    const updateRaw = { path: UserServiceService.updateUser.path, requestSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b };
    const outcome = await raw.settle(updateRaw, Buffer.from(request.finish()), as(owner), deadlineIn(10_000));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expectViolation(outcome.error, 'user.create_time');
  });

  test('bytes that are not the request message are INVALID_ARGUMENT, not INTERNAL', async () => {
    const outcome = await raw.settle(listRaw, Buffer.from([0x0a, 0xff, 0xff, 0xff]), as(owner), deadlineIn(10_000));
    expect(outcome.ok ? 'OK' : status[outcome.error.code]).toBe('INVALID_ARGUMENT');
  });

  test('the first and last instants of the range are accepted', async () => {
    for (const [tag, seconds] of [
      [5, -62_135_596_800n],
      [6, 253_402_300_799n],
    ] as const) {
      const outcome = await raw.settle(listRaw, withTimestamp(tag, seconds), as(owner), deadlineIn(10_000));
      expect(outcome.ok ? 'OK' : outcome.error.details).toBe('OK');
    }
  });
});
