import { Tenant } from '../../domain/tenant/tenant';

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Return entries with an id lower than this (newest first). */
  beforeId?: string;
  limit: number;
}

/** One audit entry: its id and the encoded event envelope (actor, action, target, time, request, caller). */
export interface AuditEntry {
  id: string;
  envelope: Uint8Array;
}

/** Port: the audit trail (the outbox rows, kept for the retention period) of a tenant or of the platform. */
export interface AuditLog {
  list(scope: Tenant | 'platform', filter: AuditFilter): Promise<AuditEntry[]>;
}
