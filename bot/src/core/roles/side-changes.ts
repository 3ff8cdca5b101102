/**
 * The steps every role and assignment use case takes. The caller's side follows from who they
 * are: in their own tenant they manage the customer's roles; in a customer reached through a
 * relationship they manage their partner's roles for that customer, and never see another
 * partner's. Role management › View reads; Role management › Modify changes, and each change is
 * stored with its audit records (the caller's log and the customer's) in one write: a change of a
 * side is written through {@link SideChange.commit} or not at all.
 */
import type { Caller } from '../identity/caller.ts';
import { authorize } from '../authz/engine.ts';
import { changeInCustomer, customerAccess, type CustomerAccess } from '../authz/customer-access.ts';
import { subjectOf, type AuditSubject } from '../audit/audited.ts';
import type { AuditRecord } from '../audit/audit.ts';
import type { DomainError } from '../errors.ts';
import type { RoleSide, RolesDeps } from './roles.ports.ts';

/** The side the caller manages in this customer: their own, or their partner tenant's. */
export const sideOf = (caller: Caller, customerTenantId: string): RoleSide => ({
  customerTenantId,
  partnerTenantId: customerTenantId === caller.tenantId ? null : caller.tenantId,
});

export type SideCategory = 'Role' | 'Assignment';

/** The audit subjects of role and assignment changes; a partner's are named so in the customer's log. */
export const sideSubject =
  (category: SideCategory) =>
  (objectId: string, operation: 'Create' | 'Update' | 'Delete') =>
  (side: RoleSide): AuditSubject =>
    subjectOf(category, side.partnerTenantId === null ? category : `Partner${category}`)(
      objectId,
      operation
    );

/** Role management › View in this customer: the caller's side, once allowed. */
export async function viewingSide(
  caller: Caller,
  customerTenantId: string,
  deps: RolesDeps
): Promise<RoleSide> {
  const access = await customerAccess(caller, customerTenantId, deps.grantsFor);
  authorize(access.grants, 'roles.view', { customerTenantId });
  return sideOf(caller, customerTenantId);
}

/** A change of one role or assignment of the caller's side, once Role management › Modify is allowed. */
export interface SideChange {
  readonly caller: Caller;
  readonly deps: RolesDeps;
  readonly access: CustomerAccess;
  readonly side: RoleSide;
  /** The object's id (a new one for a Create). */
  readonly id: string;
  /** The fields every new object of the side carries. */
  created(): {
    id: string;
    customerTenantId: string;
    partnerTenantId: string | null;
    createdAt: Date;
    createdBy: string;
  };
  /** The fields every change of an object carries. */
  updated(): { updatedAt: Date; updatedBy: string };
  /**
   * Stores the change with its audit records in one write (AuditTrail.commit), after every
   * check: `write` answers null when it wrote nothing, and the change is then `refused()`.
   */
  commit<R>(
    write: (audit: AuditRecord[]) => Promise<R | null>,
    refused: () => DomainError | Promise<DomainError>
  ): Promise<R>;
}

function changeOf<T>(
  caller: Caller,
  customerTenantId: string,
  deps: RolesDeps,
  subject: (side: RoleSide) => AuditSubject,
  id: string,
  work: (change: SideChange) => Promise<T>
): Promise<T> {
  const side = sideOf(caller, customerTenantId);
  return changeInCustomer(deps, caller, customerTenantId, subject(side), async (access, trail) => {
    authorize(access.grants, 'roles.modify', { customerTenantId });
    let committed = false;
    const result = await work({
      caller,
      deps,
      access,
      side,
      id,
      created: () => ({ id, ...side, createdAt: deps.now(), createdBy: caller.userId }),
      updated: () => ({ updatedAt: deps.now(), updatedBy: caller.userId }),
      async commit(write, refused) {
        const stored = await trail.commit(write);
        if (stored === null) throw await refused();
        committed = true;
        return stored;
      },
    });
    if (!committed) throw new Error('A role or assignment change is stored through commit().');
    return result;
  });
}

/**
 * A use case `(caller, customerTenantId, input, deps)` creating one object of `category` on the
 * caller's side; its id is the first thing asked of `deps.newId()`.
 */
export const createOnSide =
  <I, V>(category: SideCategory, work: (change: SideChange, input: I) => Promise<V>) =>
  (caller: Caller, customerTenantId: string, input: I, deps: RolesDeps): Promise<V> => {
    const id = deps.newId();
    const subject = sideSubject(category)(id, 'Create');
    return changeOf(caller, customerTenantId, deps, subject, id, (change) => work(change, input));
  };

/**
 * A use case `(caller, customerTenantId, id, ...args, deps)` updating or deleting object `id` of
 * `category` on the caller's side.
 */
export const changeOnSide =
  <A extends unknown[], V>(
    category: SideCategory,
    operation: 'Update' | 'Delete',
    work: (change: SideChange, ...args: A) => Promise<V>
  ) =>
  (
    caller: Caller,
    customerTenantId: string,
    id: string,
    ...rest: [...A, RolesDeps]
  ): Promise<V> => {
    const deps = rest[rest.length - 1] as RolesDeps;
    const args = rest.slice(0, -1) as A;
    const subject = sideSubject(category)(id, operation);
    return changeOf(caller, customerTenantId, deps, subject, id, (change) => work(change, ...args));
  };
