/**
 * Every change an admin or the committee makes is written to `auditLog`: who, what,
 * when, before and after. Entries are append-only; nothing updates or removes them.
 */
import type { ScopedDb, StoredDoc } from './db'

export interface AuditEntry extends StoredDoc {
  actor: string
  action: string
  target: { collection: string; id: string }
  before: unknown
  after: unknown
  reason?: string
  at: Date
  requestId: string
}

export type AuditFn = (entry: {
  action: string
  target: { collection: string; id: string }
  before?: unknown
  after?: unknown
  reason?: string
}) => Promise<void>

/** The stored form of one audit entry, for writing it inside a transaction beside the change it records. */
export function auditRecord(actor: string, requestId: string, at: Date, entry: Parameters<AuditFn>[0]): Omit<AuditEntry, '_id' | 'communityId'> {
  return {
    actor,
    action: entry.action,
    target: entry.target,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ...(entry.reason ? { reason: entry.reason } : {}),
    at,
    requestId,
  }
}

export function auditWriter(db: ScopedDb, actor: string, requestId: string, now: () => Date): AuditFn {
  return async (entry) => {
    await db.collection<AuditEntry>('auditLog').add(auditRecord(actor, requestId, now(), entry))
  }
}
