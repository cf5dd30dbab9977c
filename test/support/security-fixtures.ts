import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { headers } from './grpc-clients';
import { statusDetails } from './status-details';
import { tenantDatabase } from './fault-postgres';
import { adminQuery } from './test-database';
import { TestApp } from './test-app';
import { newUser } from './tenants';

/** A signed-in user of one tenant, with the credentials and tokens a test may replay. */
export interface Actor {
  id: string;
  tenant: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

/** Signs a new user up to `tenant` (the first becomes its OWNER). */
export async function signUpActor(t: TestApp, tenant: string, name = 'user'): Promise<Actor> {
  const user = newUser(name);
  const r = await t.clients.auth.signUp(user, headers({ tenant }));
  return { id: r.user!.id, tenant, email: user.email, password: user.password, token: r.tokens!.accessToken, refreshToken: r.tokens!.refreshToken };
}

/** `creator` adds a user with `role` to its tenant; the new user then signs in. */
export async function createActor(t: TestApp, creator: Actor, role: Role, name = 'created'): Promise<Actor> {
  const user = newUser(name);
  const created = await t.clients.users.createUser({ ...user, role }, headers({ token: creator.token, tenant: creator.tenant }));
  const login = await t.clients.auth.login(user, headers({ tenant: creator.tenant }));
  return { id: created.user!.id, tenant: creator.tenant, email: user.email, password: user.password, token: login.tokens!.accessToken, refreshToken: login.tokens!.refreshToken };
}

/** Signs the actor in again (a fresh access token, e.g. after a role change). */
export async function relogin(t: TestApp, actor: Actor): Promise<Actor> {
  const login = await t.clients.auth.login({ email: actor.email, password: actor.password }, headers({ tenant: actor.tenant }));
  return { ...actor, token: login.tokens!.accessToken, refreshToken: login.tokens!.refreshToken };
}

/** Metadata of a call made by `actor`, naming `tenant` (its own by default). */
export const as = (actor: Actor, tenant: string = actor.tenant) => headers({ token: actor.token, tenant });

/** Everything a tenant's database holds about its users and sessions, for "nothing changed" checks. */
export async function tenantState(slug: string): Promise<{ users: unknown[]; sessions: unknown[] }> {
  const db = tenantDatabase(slug);
  const users = await adminQuery('SELECT id, email, email_normalized, name, role, status, password_hash, updated_at FROM users ORDER BY id', [], db);
  const sessions = await adminQuery('SELECT id, family_id, user_id, used_at, revoked_at FROM refresh_tokens ORDER BY id', [], db);
  return { users: users.rows, sessions: sessions.rows };
}

/**
 * The tenant registry of one deployment and which of its tenants' databases exist, for "nothing changed"
 * checks. Scoped to the deployment: other test files (and other people's runs) create and drop databases
 * on the same server at the same time.
 */
export async function platformState(masterDatabase: string): Promise<{ tenants: unknown[]; databases: string[] }> {
  const tenants = await adminQuery<{ database_name: string }>(
    'SELECT id, slug, display_name, status, database_name, database_server, self_sign_up_enabled, updated_at FROM tenants ORDER BY id',
    [],
    masterDatabase,
  );
  const names = tenants.rows.map((r) => r.database_name);
  const databases = await adminQuery<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY datname', [names]);
  return { tenants: tenants.rows, databases: databases.rows.map((r) => r.datname) };
}

/**
 * Asserts a refusal that tells the caller what to fix: INVALID_ARGUMENT, a BadRequest violation naming
 * `field`, and a message that names the field and stays short (it never echoes a huge input back).
 */
export function expectViolation(error: ServiceError, field: string): void {
  expect({ code: status[error.code], field }).toEqual({ code: 'INVALID_ARGUMENT', field });
  expect(statusDetails(error).violations.map((v) => v.field)).toContain(field);
  expect(error.details).toContain(field);
  expect(error.details.length).toBeLessThan(1024);
}

/** The parts of an answer a caller can compare: code, ErrorInfo reason, message (with `hide` replaced). */
export function answer(error: ServiceError, hide: Record<string, string> = {}): { code: string; reason?: string; message: string } {
  let message = error.details;
  for (const [value, placeholder] of Object.entries(hide)) message = message.split(value).join(placeholder);
  return { code: status[error.code], reason: statusDetails(error).reason, message };
}

/** One call of every UserService method, aimed at `targetId` where a method takes a user. */
export function everyUserServiceCall(t: TestApp, targetId: string, pageToken = ''): Array<[string, (metadata: Metadata) => Promise<unknown>]> {
  const users = t.clients.users;
  return [
    ['GetMe', (m) => users.getMe({}, m)],
    ['UpdateMe', (m) => users.updateMe({ user: User.fromPartial({ name: 'Hijacked' }), updateMask: ['name'] }, m)],
    ['ChangePassword', (m) => users.changePassword({ currentPassword: 'Guessed password 1', newPassword: 'Attacker passphrase 9' }, m)],
    ['ListUsers', (m) => users.listUsers({ pageSize: 0, pageToken, role: Role.ROLE_UNSPECIFIED, status: UserStatus.USER_STATUS_UNSPECIFIED, emailPrefix: '' }, m)],
    ['GetUser', (m) => users.getUser({ userId: targetId }, m)],
    ['CreateUser', (m) => users.createUser({ ...newUser('intruder'), role: Role.ROLE_OWNER }, m)],
    ['UpdateUser', (m) => users.updateUser({ user: User.fromPartial({ id: targetId, name: 'Hijacked', status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['name', 'status'] }, m)],
    ['DeleteUser', (m) => users.deleteUser({ userId: targetId }, m)],
    ['InviteUser', (m) => users.inviteUser({ email: `intruder.${Date.now()}@example.test`, role: Role.ROLE_OWNER, name: 'Intruder' }, m)],
    ['ListInvitations', (m) => users.listInvitations({ pageSize: 0, pageToken: '' }, m)],
    ['RevokeInvitation', (m) => users.revokeInvitation({ invitationId: targetId }, m)],
    ['ListUserSessions', (m) => users.listUserSessions({ userId: targetId }, m)],
    ['RevokeUserSessions', (m) => users.revokeUserSessions({ userId: targetId }, m)],
  ];
}

/** One call of every TenantService method, aimed at the tenant `slug`. */
export function everyTenantServiceCall(t: TestApp, slug: string): Array<[string, (metadata: Metadata) => Promise<unknown>]> {
  const tenants = t.clients.tenants;
  return [
    ['CreateTenant', (m) => tenants.createTenant({ tenant: Tenant.fromPartial({ slug: `intruder-${Date.now().toString(36)}`, displayName: 'Intruder' }) }, m)],
    ['GetTenant', (m) => tenants.getTenant({ slug }, m)],
    ['ListTenants', (m) => tenants.listTenants({ pageSize: 0, pageToken: '', status: TenantStatus.TENANT_STATUS_UNSPECIFIED }, m)],
    ['UpdateTenant', (m) => tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED, displayName: 'Hijacked' }), updateMask: ['status', 'display_name'] }, m)],
    ['DeleteTenant', (m) => tenants.deleteTenant({ slug }, m)],
  ];
}

/** Runs a call that must fail and returns its error, or a stand-in error saying that it succeeded. */
export async function refusal(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  return Object.assign(new Error('the call succeeded'), { code: status.OK, details: 'OK: the call succeeded', metadata: new Metadata() }) as ServiceError;
}
