import { TenantRole } from '../../../../domain/user/user-attributes';
import { Tenant, TenantStatus } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** The fields an update changes; absent fields stay as they are. */
export interface TenantChanges {
  displayName?: string;
  status?: TenantStatus;
  selfSignUpEnabled?: boolean;
  requireVerifiedEmail?: boolean;
  secondFactorRequiredRoles?: TenantRole[];
}

/** Changes a tenant's display name, status (ACTIVE/SUSPENDED) or self sign-up setting. */
export class UpdateTenantCommand extends Command<Tenant> {
  constructor(
    readonly slug: string,
    readonly changes: TenantChanges,
  ) {
    super();
  }
}
