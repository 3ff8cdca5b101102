/**
 * The one way a use case audits its work (PRODUCT.md §4.11): run it, then write one record per
 * log — Successful, or Failed with the error code (INTERNAL.ERROR for anything else) — and
 * rethrow the failure. An event that concerns two tenants (a partner acting on a customer, a
 * relationship) is recorded in the actor's own log and, once the work names the other tenant,
 * in that tenant's log too: the customer's log shows what partners did there.
 */
import type { AuditCategory, AuditEntry, AuditLog, AuditOperation, AuditRecord } from './audit.ts';
import { DomainError } from '../errors.ts';

/** Who acted: a signed-in caller (a `Caller` fits), or a system actor such as signal ingestion. */
export interface AuditActor {
  userId: string;
  tenantId: string;
}

export interface AuditSubject {
  category: AuditCategory;
  objectType: string;
  objectId: string;
  operation: AuditOperation;
  /** A summary kept on the Successful record (a Failed one carries its error code instead). */
  detail?: string;
}

/**
 * The subjects of one kind of object: `subjectOf('RoomGroup')(groupId, 'Update')`. The object
 * type defaults to the category (e.g. 'AlertSubscription' records under 'Ticket'); a non-empty
 * `detail` summarises the change.
 */
export const subjectOf =
  (category: AuditCategory, objectType: string = category) =>
  (objectId: string, operation: AuditOperation, detail?: string): AuditSubject => ({
    category,
    objectType,
    objectId,
    operation,
    ...(detail ? { detail } : {}),
  });

/**
 * A write that answers whether it matched, as AuditTrail.commit wants it: null when it wrote
 * nothing.
 */
export const metOrNull = async (write: Promise<boolean>): Promise<true | null> =>
  (await write) || null;

/** Handed to the audited work so it can widen or settle the record as it learns more. */
export interface AuditTrail {
  /** Also record this event in `tenantId`'s log. */
  alsoIn(tenantId: string): void;
  /**
   * Once the work knows better: what the Successful record names (e.g. the ticket it created).
   * Before a commit, or between a commit that wrote nothing and the next: that one then stores
   * records naming the subject as settled.
   */
  settle(subject: Partial<AuditSubject>): void;
  /** The work changed nothing worth a record: no Successful record is written. */
  skip(): void;
  /**
   * The work's final write, storing its Successful records with its change (one wait for the
   * disk; a crash keeps both or neither): `write` gets the records and answers null when it wrote
   * nothing (e.g. a compare-and-set lost), so it may be called again. Once a write has stored
   * them, audited() writes no Successful record itself (settle() no longer applies); should the
   * work still fail, Failed records are written as usual. Call it after every check. `alsoIn`:
   * logs that the change itself names (e.g. the partner of a removed relationship), recorded in
   * only if the write stores them, as `alsoIn()` after the write would.
   */
  commit<R>(
    write: (records: AuditRecord[]) => Promise<R | null>,
    options?: { alsoIn?: readonly string[] }
  ): Promise<R | null>;
}

export async function audited<T>(
  audit: AuditLog,
  actor: AuditActor,
  subject: AuditSubject,
  work: (trail: AuditTrail) => Promise<T>
): Promise<T> {
  const tenants = new Set<string>([actor.tenantId]);
  let settled = subject;
  let skipped = false;
  let committed = false;
  // One record per log, field by field (on every audited change: a spread costs more).
  const entries = (
    what: AuditSubject,
    result: 'Successful' | 'Failed',
    detail?: string,
    also: readonly string[] = []
  ): AuditEntry[] => {
    const logs = also.length === 0 ? tenants : new Set([...tenants, ...also]);
    const out: AuditEntry[] = [];
    for (const tenantId of logs) {
      const entry: AuditEntry = {
        category: what.category,
        objectType: what.objectType,
        objectId: what.objectId,
        operation: what.operation,
        tenantId,
        result,
        actorId: actor.userId,
        actorTenantId: actor.tenantId,
      };
      const summary = detail || what.detail;
      if (summary !== undefined) entry.detail = summary;
      out.push(entry);
    }
    return out;
  };
  let prepared: Promise<AuditRecord[]> | undefined;
  const trail: AuditTrail = {
    alsoIn: (tenantId) => void tenants.add(tenantId),
    settle: (s) => {
      settled = { ...settled, ...s };
      // Records prepared for a commit that wrote nothing name what was settled then.
      prepared = undefined;
    },
    skip: () => void (skipped = true),
    commit: async (write, options) => {
      const also = options?.alsoIn ?? [];
      // Prepared once: a retried write stores the same records.
      prepared ??= audit.prepare(entries(settled, 'Successful', undefined, also));
      const out = await write(await prepared);
      if (out !== null) {
        committed = true;
        for (const t of also) tenants.add(t);
      }
      return out;
    },
  };
  // The records of both logs are one write (one wait for the disk; a crash keeps both or neither).
  const write = (what: AuditSubject, result: 'Successful' | 'Failed', detail?: string) =>
    audit.recordAll(entries(what, result, detail));
  let result: T;
  try {
    result = await work(trail);
  } catch (e) {
    await write(subject, 'Failed', e instanceof DomainError ? e.code : 'INTERNAL.ERROR');
    throw e;
  }
  if (!skipped && !committed) await write(settled, 'Successful');
  return result;
}
