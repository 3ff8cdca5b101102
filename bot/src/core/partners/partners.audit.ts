/**
 * Auditing of events that concern a partner–customer relationship. Such an event belongs to two
 * tenants: it is recorded in the caller's own log and, once the relationship is identified as
 * one the caller is party to, in the other tenant's log too (the customer's log must show what
 * partners did there, PRODUCT.md §4.11). One record per log per call; failures are recorded
 * as Failed with their error code, like `audited`.
 */
import type { Caller } from '../identity/caller.ts';
import type { AuditCategory, AuditLog, AuditOperation } from '../audit/audit.ts';
import { DomainError } from '../errors.ts';

export interface AuditSubject {
  category: AuditCategory;
  objectType: string;
  objectId: string;
  operation: AuditOperation;
  /** A summary kept on the Successful record (a Failed one carries its error code instead). */
  detail?: string;
}

/** Handed to the audited work so it can name the other party as soon as it is known. */
export interface AuditTrail {
  /** Also record this event in `tenantId`'s log. */
  alsoIn(tenantId: string): void;
}

export async function auditedAcross<T>(
  audit: AuditLog,
  caller: Caller,
  subject: AuditSubject,
  work: (trail: AuditTrail) => Promise<T>
): Promise<T> {
  const tenants = new Set<string>([caller.tenantId]);
  const trail: AuditTrail = { alsoIn: (tenantId) => void tenants.add(tenantId) };
  // The records of both logs are written together (one wait for the disk, not one per log).
  const write = async (result: 'Successful' | 'Failed', detail?: string) => {
    await Promise.all(
      [...tenants].map((tenantId) =>
        audit.record({
          ...subject,
          tenantId,
          result,
          actorId: caller.userId,
          actorTenantId: caller.tenantId,
          ...(detail ? { detail } : {}),
        })
      )
    );
  };
  let result: T;
  try {
    result = await work(trail);
  } catch (e) {
    await write('Failed', e instanceof DomainError ? e.code : 'INTERNAL.ERROR');
    throw e;
  }
  await write('Successful');
  return result;
}

/** The audit object id of a relationship: both tenants, customer first. */
export const relationshipKey = (customerTenantId: string, partnerTenantId: string) =>
  `${customerTenantId}/${partnerTenantId}`;
