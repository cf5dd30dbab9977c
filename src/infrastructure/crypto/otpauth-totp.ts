import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { Totp } from '../../domain/auth/totp';

const PERIOD = 30;
const DIGITS = 6;

/** TOTP with the `otpauth` package (the tests check it with `otplib`, another implementation); QR codes with `qrcode`. */
export class OtpauthTotp implements Totp {
  newSecret(): string {
    return new Secret({ size: 20 }).base32;
  }

  uri(secret: string, issuer: string, account: string): string {
    return this.totp(secret, issuer, account).toString();
  }

  qrSvg(uri: string): Promise<string> {
    return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  matchStep(secret: string, code: string, now: Date): number | undefined {
    if (!/^\d{6}$/.test(code)) return undefined;
    const delta = this.totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
    if (delta === null) return undefined;
    return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  }

  private totp(secret: string, issuer = 'user-service', label = 'user'): TOTP {
    return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
  }
}
