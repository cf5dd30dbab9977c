/** The role of a user within their tenant. */
export type TenantRole = 'OWNER' | 'ADMIN' | 'MEMBER';
/** Whether a user may sign in and call. */
export type UserStatus = 'ACTIVE' | 'DISABLED';
