import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

export interface TotpEnrollment {
  /** Base32 secret, for typing into an authenticator by hand. */
  secret: string;
  /** otpauth://totp/... URI. */
  uri: string;
  /** The URI as an SVG QR code. */
  qrSvg: string;
}

/** Starts (or restarts) the caller's TOTP enrollment: a fresh secret, not in force until confirmed. */
export class StartTotpEnrollmentCommand extends Command<TotpEnrollment> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
  ) {
    super();
  }
}
