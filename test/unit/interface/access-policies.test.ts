import { readFileSync } from 'node:fs';
import { descriptorSetPath } from '../../../src/infrastructure/project-root';
import { loadAccessPolicies } from '../../../src/interface/grpc/policy/access-policies';

const policies = loadAccessPolicies(readFileSync(descriptorSetPath()), 'userservice.v1');

test('every RPC of the services declares a policy', () => {
  expect([...policies.keys()].sort()).toEqual(
    [
      '/userservice.v1.AuthService/SignUp',
      '/userservice.v1.AuthService/Login',
      '/userservice.v1.AuthService/RefreshToken',
      '/userservice.v1.AuthService/Logout',
      '/userservice.v1.AuthService/GetJwks',
      '/userservice.v1.AuthService/RequestPasswordReset',
      '/userservice.v1.AuthService/ResetPassword',
      '/userservice.v1.AuthService/VerifyEmail',
      '/userservice.v1.AuthService/ResendVerification',
      '/userservice.v1.AuthService/AcceptInvitation',
      '/userservice.v1.UserService/InviteUser',
      '/userservice.v1.UserService/ListInvitations',
      '/userservice.v1.UserService/RevokeInvitation',
      '/userservice.v1.AuthService/ListMySessions',
      '/userservice.v1.AuthService/RevokeSession',
      '/userservice.v1.AuthService/RevokeOtherSessions',
      '/userservice.v1.AuthService/StartTotpEnrollment',
      '/userservice.v1.AuthService/ConfirmTotpEnrollment',
      '/userservice.v1.AuthService/DisableTotp',
      '/userservice.v1.AuthService/VerifySecondFactor',
      '/userservice.v1.AuthService/StartRequiredTotpEnrollment',
      '/userservice.v1.AuthService/ConfirmRequiredTotpEnrollment',
      '/userservice.v1.UserService/GetMe',
      '/userservice.v1.UserService/UpdateMe',
      '/userservice.v1.UserService/ChangePassword',
      '/userservice.v1.UserService/ListUsers',
      '/userservice.v1.UserService/GetUser',
      '/userservice.v1.UserService/CreateUser',
      '/userservice.v1.UserService/UpdateUser',
      '/userservice.v1.UserService/DeleteUser',
      '/userservice.v1.UserService/ListUserSessions',
      '/userservice.v1.UserService/RevokeUserSessions',
      '/userservice.v1.TenantService/CreateTenant',
      '/userservice.v1.TenantService/GetTenant',
      '/userservice.v1.TenantService/ListTenants',
      '/userservice.v1.TenantService/UpdateTenant',
      '/userservice.v1.TenantService/DeleteTenant',
      '/userservice.v1.AuditService/ListAuditEvents',
      '/userservice.v1.AuthService/IssueServiceToken',
      '/userservice.v1.ServiceAccountService/CreateServiceAccount',
      '/userservice.v1.ServiceAccountService/ListServiceAccounts',
      '/userservice.v1.ServiceAccountService/GetServiceAccount',
      '/userservice.v1.ServiceAccountService/DisableServiceAccount',
      '/userservice.v1.ServiceAccountService/DeleteServiceAccount',
      '/userservice.v1.ServiceAccountService/CreateServiceAccountSecret',
      '/userservice.v1.ServiceAccountService/RevokeServiceAccountCredential',
      '/userservice.v1.ServiceAccountService/RegisterServiceAccountKey',
      '/userservice.v1.PlatformAdminService/ListSuperAdmins',
      '/userservice.v1.PlatformAdminService/CreateSuperAdmin',
      '/userservice.v1.PlatformAdminService/RemoveSuperAdmin',
      '/userservice.v1.PlatformAdminService/ChangeMyPassword',
    ].sort(),
  );
});

test('the policies read from the proto say who may call what', () => {
  const tenant = policies.get('/userservice.v1.TenantService/CreateTenant')!;
  expect(tenant).toMatchObject({ public: false, tenantScope: 'NONE' });
  expect([...tenant.roles]).toEqual(['SUPER_ADMIN']);
  expect([...policies.get('/userservice.v1.UserService/ListUsers')!.roles].sort()).toEqual(['ADMIN', 'OWNER']);
  expect(policies.get('/userservice.v1.AuthService/Login')).toMatchObject({ public: true, tenantScope: 'OPTIONAL' });
  expect(policies.get('/userservice.v1.UserService/GetMe')).toMatchObject({ public: false, tenantScope: 'REQUIRED' });
  // Own sessions: every role, a super-admin without a tenant; another user's sessions: tenant OWNER/ADMIN.
  const own = policies.get('/userservice.v1.AuthService/RevokeSession')!;
  expect(own).toMatchObject({ public: false, tenantScope: 'OPTIONAL' });
  expect([...own.roles].sort()).toEqual(['ADMIN', 'MEMBER', 'OWNER', 'SUPER_ADMIN']);
  expect([...policies.get('/userservice.v1.UserService/RevokeUserSessions')!.roles].sort()).toEqual(['ADMIN', 'OWNER']);
});

test('PlatformAdminService is for super-admins only, without a tenant', () => {
  const methods = [...policies.values()].filter((p) => p.method.startsWith('/userservice.v1.PlatformAdminService/'));
  expect(methods).toHaveLength(4);
  for (const policy of methods) {
    expect(policy).toMatchObject({ public: false, tenantScope: 'NONE' });
    expect([...policy.roles]).toEqual(['SUPER_ADMIN']);
  }
});

test('people_only is read from the proto: the methods that act on the caller as a person', () => {
  const peopleOnly = [...policies.values()].filter((p) => p.peopleOnly).map((p) => p.method).sort();
  expect(peopleOnly).toEqual(
    [
      '/userservice.v1.AuthService/Logout',
      '/userservice.v1.AuthService/RefreshToken',
      '/userservice.v1.PlatformAdminService/ChangeMyPassword',
      '/userservice.v1.UserService/ChangePassword',
      '/userservice.v1.UserService/GetMe',
      '/userservice.v1.UserService/UpdateMe',
    ].sort(),
  );
  expect(policies.get('/userservice.v1.AuthService/IssueServiceToken')).toMatchObject({ public: true, tenantScope: 'OPTIONAL', peopleOnly: false });
});
