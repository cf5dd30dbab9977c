import { invalidField } from '../shared/field-violations';

const SHAPE = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
/** Names that would confuse operators, collide with PostgreSQL's own databases, or with the platform scope. */
const RESERVED = new Set(['postgres', 'template0', 'template1', 'admin', 'root', 'system', 'public', 'master', 'default', 'api', 'www', 'platform']);
/** Prefix of every tenant database name; keeps tenant databases apart from any other database. */
const DATABASE_PREFIX = 'tenant_';

/**
 * The tenant's public identifier, sent by callers as `x-tenant-id`: 3..40 characters of a-z, 0-9 and '-',
 * starting with a letter, not ending with '-', no '--'. Because the alphabet excludes quotes, spaces and
 * '_', the database name derived from it is a safe, unique PostgreSQL identifier.
 */
export class TenantSlug {
  private constructor(readonly value: string) {}

  static parse(raw: string): TenantSlug {
    if (raw.length === 0) invalidField('is required');
    if (raw.length > 40) invalidField('must be at most 40 characters');
    if (!SHAPE.test(raw)) {
      invalidField("must be 3..40 characters of a-z, 0-9 and '-', start with a letter and not end with '-'");
    }
    if (raw.includes('--')) invalidField("must not contain '--'");
    if (RESERVED.has(raw)) invalidField(`'${raw}' is reserved`);
    return new TenantSlug(raw);
  }

  /**
   * The tenant's database name: the deployment's prefix (`tenant_` by default, TENANT_DATABASE_PREFIX) +
   * slug with '-' as '_' (injective, since slugs have no '_').
   */
  databaseName(prefix: string = DATABASE_PREFIX): string {
    return prefix + this.value.replace(/-/g, '_');
  }
}
