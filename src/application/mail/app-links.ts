/**
 * Builds the links mail carries from the configured PUBLIC_APP_URL template (e.g.
 * `https://{tenant}.app.example`), never from request headers: a caller cannot make the service mail a link
 * to a host of their choosing. `{tenant}` is replaced by the tenant's slug.
 */
export class AppLinks {
  constructor(private readonly template: string) {}

  /** `base/path?token=...`; the token is URL-encoded (it is base64url already). */
  link(tenantSlug: string, path: string, token: string): string {
    const base = this.template.replaceAll('{tenant}', encodeURIComponent(tenantSlug)).replace(/\/+$/, '');
    return `${base}${path}?token=${encodeURIComponent(token)}`;
  }
}
