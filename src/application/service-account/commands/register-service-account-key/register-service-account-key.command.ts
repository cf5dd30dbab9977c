import { Principal } from '../../../../domain/auth/principal';
import { ServiceAccountCredential } from '../../../../domain/service-account/service-account';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Registers a public key as a credential of a service account (RFC 7523 assertions). */
export class RegisterServiceAccountKeyCommand extends Command<ServiceAccountCredential> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly serviceAccountId: string,
    readonly publicKeyPem: string,
    readonly expiresAt: Date | undefined,
  ) {
    super();
  }
}
