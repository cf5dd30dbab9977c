// PrismaSecondFactorWrites inside real units of work (PostgreSQL): each change that must happen once is still
// won by exactly one of concurrent units, its event commits with it (or not at all), and the secret is
// sealed in the row while the store reads it back as the base32 secret.
import { TenantDirectory } from '../../src/application/tenant/tenant-directory';
import { UnitOfWork } from '../../src/application/shared/unit-of-work';
import { TOKENS } from '../../src/di/tokens';
import { SecondFactorStore } from '../../src/domain/auth/second-factor-store';
import { NO_ORIGIN } from '../../src/domain/shared/request-origin';
import { Tenant } from '../../src/domain/tenant/tenant';
import { tenantDatabase } from '../support/fault-postgres';
import { signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';
import { adminQuery } from '../support/test-database';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let t: TestApp;
let units: UnitOfWork;
let store: SecondFactorStore;
let slug: string;
let tenant: Tenant;
let userId: string;

beforeAll(async () => {
  t = await startTestApp();
  units = t.app.container.get<UnitOfWork>(TOKENS.UnitOfWork);
  store = t.app.container.get<SecondFactorStore>(TOKENS.SecondFactorStore);
  slug = await createTenant(t, { slug: 'sfw' });
  tenant = (await t.app.container.get<TenantDirectory>(TOKENS.TenantDirectory).findBySlug(slug))!;
  userId = (await signUpActor(t, slug, 'factor')).id;
  expect(await units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.beginEnrollment(userId, SECRET))).toBe(true);
  const hashes = Array.from({ length: 10 }, (_, i) => `hash-${i}`);
  expect(await units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.confirm(userId, SECRET, 100, hashes, new Date()))).toBe(true);
});
afterAll(() => t?.dispose());

const query = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await adminQuery<R>(sql, params, tenantDatabase(slug))).rows;
const events = async (type: string) => query<{ target_id: string }>('SELECT target_id FROM outbox_events WHERE type = $1', [type]);

test('sealed in the row, read back as the secret; confirming recorded SecondFactorEnabled once', async () => {
  const [row] = await query<{ secret: string }>('SELECT secret FROM second_factors WHERE user_id = $1', [userId]);
  expect(row.secret).toMatch(/^enc:v1:/);
  expect(row.secret).not.toContain(SECRET);
  expect(await store.find(tenant, userId)).toEqual({ secret: SECRET, confirmed: true, lastStep: 100, recoveryCodesLeft: 10 });
  expect(await events('SecondFactorEnabled')).toEqual([{ target_id: userId }]);
  // A second enrollment cannot start over a confirmed factor (and leaves the row alone).
  expect(await units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.beginEnrollment(userId, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))).toBe(false);
  expect((await store.find(tenant, userId))?.secret).toBe(SECRET);
});

test('one recovery code, eight concurrent units: exactly one uses it and one RecoveryCodeUsed is written', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.useRecoveryCode(userId, 'hash-3'))));
  expect(results.filter(Boolean)).toHaveLength(1);
  expect(await events('RecoveryCodeUsed')).toEqual([{ target_id: userId }]);
  expect((await store.find(tenant, userId))?.recoveryCodesLeft).toBe(9);
});

test('one time step, two concurrent units: exactly one accepts it', async () => {
  const results = await Promise.all([0, 1].map(() => units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.acceptStep(userId, 101))));
  expect(results.filter(Boolean)).toHaveLength(1);
  expect((await store.find(tenant, userId))?.lastStep).toBe(101);
});

test('a unit that fails after using a code leaves the code and writes no event', async () => {
  const before = (await events('RecoveryCodeUsed')).length;
  await expect(
    units.run(tenant, NO_ORIGIN, async ({ secondFactors }) => {
      expect(await secondFactors.useRecoveryCode(userId, 'hash-5')).toBe(true);
      throw new Error('failed after the write');
    }),
  ).rejects.toThrow('failed after the write');
  expect(await events('RecoveryCodeUsed')).toHaveLength(before);
  expect(await units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.useRecoveryCode(userId, 'hash-5'))).toBe(true);
});

test('removing the factor writes SecondFactorDisabled; removing again finds nothing', async () => {
  expect(await units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.remove(userId))).toBe(true);
  expect(await events('SecondFactorDisabled')).toEqual([{ target_id: userId }]);
  expect(await units.run(tenant, NO_ORIGIN, ({ secondFactors }) => secondFactors.remove(userId))).toBe(false);
  expect(await store.find(tenant, userId)).toBeUndefined();
});
