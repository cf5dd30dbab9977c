/** The generated message types and enums, one namespace per proto file (e.g. `proto.access.Role`). */
export * as access from './gen/userservice/v1/access';
export * as authService from './gen/userservice/v1/auth_service';
export * as user from './gen/userservice/v1/user';
export * as userService from './gen/userservice/v1/user_service';
export * as tenant from './gen/userservice/v1/tenant';
export * as tenantService from './gen/userservice/v1/tenant_service';
export * as auditService from './gen/userservice/v1/audit_service';
export * as events from './gen/userservice/v1/events';
export * as serviceAccountService from './gen/userservice/v1/service_account_service';
