// The table of after-commit effects, event type by event type, run for real against recording fakes:
// a new event type needs only its row in AFTER_COMMIT_EFFECTS and its line here.
import { AFTER_COMMIT_EFFECTS, AfterCommitEffects } from '../../../src/application/shared/after-commit-effects';
import { DomainEvent, DomainEventType, isPublished } from '../../../src/domain/events/domain-event';
import { TenantMother } from '../support/mothers';

const tenant = TenantMother.create({ slug: 'acme' });
const subject = { tenantId: tenant.id, tenantSlug: tenant.slug };

/** One example of every event type, with what must happen after it commits. */
const TABLE: { [T in DomainEventType]: { event: Extract<DomainEvent, { type: T }>; forgetsUser: boolean; forgetsTenant: boolean; forgetsSessions?: boolean; published: boolean; forgetsServiceAccount?: boolean; forgetsPlatformAdmin?: boolean } } = {
  UserRegistered: { event: { type: 'UserRegistered', targetId: 'u', email: 'a@b.test', role: 'MEMBER', selfSignUp: true }, forgetsUser: true, forgetsTenant: false, published: true },
  UserUpdated: { event: { type: 'UserUpdated', targetId: 'u', changedFields: ['name'] }, forgetsUser: true, forgetsTenant: false, published: true },
  UserRoleChanged: { event: { type: 'UserRoleChanged', targetId: 'u', oldRole: 'MEMBER', newRole: 'ADMIN' }, forgetsUser: true, forgetsTenant: false, published: true },
  UserStatusChanged: { event: { type: 'UserStatusChanged', targetId: 'u', oldStatus: 'ACTIVE', newStatus: 'DISABLED' }, forgetsUser: true, forgetsTenant: false, published: true },
  UserDeleted: { event: { type: 'UserDeleted', targetId: 'u' }, forgetsUser: true, forgetsTenant: false, published: true },
  PasswordChanged: { event: { type: 'PasswordChanged', targetId: 'u' }, forgetsUser: true, forgetsTenant: false, published: true },
  PasswordResetRequested: { event: { type: 'PasswordResetRequested', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true },
  PasswordReset: { event: { type: 'PasswordReset', targetId: 'u' }, forgetsUser: true, forgetsTenant: false, published: true },
  EmailVerified: { event: { type: 'EmailVerified', targetId: 'u' }, forgetsUser: true, forgetsTenant: false, published: true },
  UserInvited: { event: { type: 'UserInvited', targetId: 'i', email: 'a@b.c', role: 'MEMBER' }, forgetsUser: false, forgetsTenant: false, published: true },
  InvitationRevoked: { event: { type: 'InvitationRevoked', targetId: 'i' }, forgetsUser: false, forgetsTenant: false, published: true },
  SignInSucceeded: { event: { type: 'SignInSucceeded', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true },
  SignInFailed: { event: { type: 'SignInFailed', targetId: 'u', reason: 'LOCKED' }, forgetsUser: false, forgetsTenant: false, published: true },
  SessionRevoked: { event: { type: 'SessionRevoked', targetId: 'u', reason: 'LOGOUT' }, forgetsUser: false, forgetsTenant: false, forgetsSessions: true, published: true },
  SecondFactorEnabled: { event: { type: 'SecondFactorEnabled', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true },
  SecondFactorDisabled: { event: { type: 'SecondFactorDisabled', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true },
  RecoveryCodeUsed: { event: { type: 'RecoveryCodeUsed', targetId: 'u', remaining: 9 }, forgetsUser: false, forgetsTenant: false, published: true },
  TenantCreated: { event: { type: 'TenantCreated', targetId: tenant.id, slug: 'acme', displayName: 'Acme' }, forgetsUser: false, forgetsTenant: true, published: true },
  TenantUpdated: { event: { type: 'TenantUpdated', targetId: tenant.id, changedFields: ['display_name'] }, forgetsUser: false, forgetsTenant: true, published: true },
  TenantSuspended: { event: { type: 'TenantSuspended', targetId: tenant.id }, forgetsUser: false, forgetsTenant: true, published: true },
  TenantReactivated: { event: { type: 'TenantReactivated', targetId: tenant.id }, forgetsUser: false, forgetsTenant: true, published: true },
  TenantDeleted: { event: { type: 'TenantDeleted', targetId: tenant.id }, forgetsUser: false, forgetsTenant: true, published: true },
  TenantDeletionStarted: { event: { type: 'TenantDeletionStarted', targetId: tenant.id }, forgetsUser: false, forgetsTenant: true, published: false },
  TenantDiscarded: { event: { type: 'TenantDiscarded', targetId: tenant.id }, forgetsUser: false, forgetsTenant: true, published: false },
  TenantSchemaMigrated: { event: { type: 'TenantSchemaMigrated', targetId: tenant.id, schemaVersion: 'v2' }, forgetsUser: false, forgetsTenant: true, published: false },
  ServiceAccountCreated: { event: { type: 'ServiceAccountCreated', targetId: 'u', name: 'ci', role: 'ADMIN' }, forgetsUser: false, forgetsTenant: false, published: true, forgetsServiceAccount: true },
  ServiceAccountDisabled: { event: { type: 'ServiceAccountDisabled', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true, forgetsServiceAccount: true },
  ServiceAccountDeleted: { event: { type: 'ServiceAccountDeleted', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true, forgetsServiceAccount: true },
  ServiceAccountCredentialAdded: { event: { type: 'ServiceAccountCredentialAdded', targetId: 'u', credentialId: 'c' }, forgetsUser: false, forgetsTenant: false, published: true },
  ServiceAccountCredentialRevoked: { event: { type: 'ServiceAccountCredentialRevoked', targetId: 'u', credentialId: 'c' }, forgetsUser: false, forgetsTenant: false, published: true },
  SuperAdminCreated: { event: { type: 'SuperAdminCreated', targetId: 'u', email: 'a@b.test', name: 'Ada' }, forgetsUser: false, forgetsTenant: false, published: true, forgetsPlatformAdmin: true },
  SuperAdminRemoved: { event: { type: 'SuperAdminRemoved', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true, forgetsPlatformAdmin: true },
  SuperAdminPasswordChanged: { event: { type: 'SuperAdminPasswordChanged', targetId: 'u' }, forgetsUser: false, forgetsTenant: false, published: true },
};

function recorder() {
  const seen = { users: [] as string[], slugs: [] as string[], wakes: [] as string[], sessions: [] as string[], serviceAccounts: [] as string[], platformAdmins: [] as string[] };
  const effects = new AfterCommitEffects(
    { invalidate: async (tenantId, userId) => void seen.users.push(`${tenantId}/${userId}`) },
    { invalidate: async (slug) => void seen.slugs.push(slug) },
    { wake: (scope) => void seen.wakes.push(scope === 'platform' ? 'platform' : scope.slug) },
    { invalidate: async (scope, userId) => void seen.sessions.push(`${scope}/${userId}`) },
    { invalidate: async (scopeId, id) => void seen.serviceAccounts.push(`${scopeId}/${id}`) },
    { invalidate: async (id) => void seen.platformAdmins.push(id) },
  );
  return { seen, effects };
}

test('the table lists every event type the effects know', () => {
  expect(Object.keys(TABLE).sort()).toEqual(Object.keys(AFTER_COMMIT_EFFECTS).sort());
});

test.each(Object.entries(TABLE))('%s: its effects run after the commit', async (_type, row) => {
  const { seen, effects } = recorder();
  await effects.run(tenant, [{ event: row.event, subject }]);
  expect(seen.users).toEqual(row.forgetsUser ? [`${tenant.id}/u`] : []);
  expect(seen.slugs).toEqual(row.forgetsTenant ? ['acme'] : []);
  expect(seen.serviceAccounts).toEqual(row.forgetsServiceAccount ? [`${tenant.id}/u`] : []);
  expect(seen.sessions).toEqual(row.forgetsSessions ? [`${tenant.id}/u`] : []);
  expect(seen.platformAdmins).toEqual(row.forgetsPlatformAdmin ? ['u'] : []);
  // Only what reaches the outbox wakes the relay; internal events never reach it.
  expect(isPublished(row.event)).toBe(row.published);
  expect(seen.wakes).toEqual(row.published ? ['acme'] : []);
});

test('one unit forgets each entry once, however many of its events name it', async () => {
  const { seen, effects } = recorder();
  await effects.run(tenant, [
    { event: { type: 'UserUpdated', targetId: 'u', changedFields: ['name'] }, subject },
    { event: { type: 'UserRoleChanged', targetId: 'u', oldRole: 'MEMBER', newRole: 'ADMIN' }, subject },
    { event: { type: 'SessionRevoked', targetId: 'u', reason: 'USER_DISABLED' }, subject },
  ]);
  expect(seen).toEqual({ users: [`${tenant.id}/u`], slugs: [], wakes: ['acme'], sessions: [`${tenant.id}/u`], serviceAccounts: [], platformAdmins: [] });
});

test('a platform service account is forgotten under the platform scope', async () => {
  const { seen, effects } = recorder();
  await effects.run('platform', [{ event: { type: 'ServiceAccountDisabled', targetId: 'sa' }, subject: undefined }]);
  expect(seen.serviceAccounts).toEqual(['platform/sa']);
});

test("a super-admin's revoked session drops the platform list of that admin", async () => {
  const { seen, effects } = recorder();
  await effects.run('platform', [{ event: { type: 'SessionRevoked', targetId: 'admin-1', sessionId: 's', reason: 'REVOKED_BY_USER' }, subject: undefined }]);
  expect(seen.sessions).toEqual(['platform/admin-1']);
});
