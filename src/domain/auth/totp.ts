/** Port: TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps), the secret's otpauth:// URI and its QR code. */
export interface Totp {
  /** A fresh random secret, base32. */
  newSecret(): string;
  /** The otpauth:// URI an authenticator app imports. */
  uri(secret: string, issuer: string, account: string): string;
  /** The URI as an SVG QR code. */
  qrSvg(uri: string): Promise<string>;
  /** The time step whose code `code` is, within one step either side of `now`; undefined if none. */
  matchStep(secret: string, code: string, now: Date): number | undefined;
}
