import { Principal } from '../../../../domain/auth/principal';
import { ServiceAccountCredential } from '../../../../domain/service-account/service-account';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Revokes one credential of a service account. */
export class RevokeServiceAccountCredentialCommand extends Command<ServiceAccountCredential> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly serviceAccountId: string,
    readonly credentialId: string,
  ) {
    super();
  }
}
