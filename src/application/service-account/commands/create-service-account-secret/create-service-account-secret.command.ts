import { Principal } from '../../../../domain/auth/principal';
import { ServiceAccountCredential } from '../../../../domain/service-account/service-account';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

export interface CreatedSecret {
  credential: ServiceAccountCredential;
  /** The secret itself: returned once, never stored. */
  clientSecret: string;
}

/** Adds a client secret to a service account (optionally expiring at `expiresAt`). */
export class CreateServiceAccountSecretCommand extends Command<CreatedSecret> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly serviceAccountId: string,
    readonly expiresAt: Date | undefined,
  ) {
    super();
  }
}
