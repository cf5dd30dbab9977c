import { Tenant } from '../../domain/tenant/tenant';
import { EventScope } from './event-envelope.mapper';

/** The envelope scope of an event about or within `tenant`. */
export function scopeOf(tenant: Tenant): EventScope {
  return { tenantId: tenant.id, tenantSlug: tenant.slug };
}
