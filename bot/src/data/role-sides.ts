/**
 * Roles and assignments live on one side of one customer: `tenantId` is the customer,
 * `partnerTenantId` the partner whose side it is (null: the customer's own). Both collections are
 * mapped the same way by {@link SideRepository}; what differs (a role's name claims, an
 * assignment's role) is in their own repositories.
 */
import type {
  BaseDoc,
  BatchWrite,
  BatchWriteResult,
  DocCollection,
  Filter,
  Store,
  Update,
} from '../store/types.ts';
import type { PageRequest, PageResult } from '../core/paging.ts';
import type { RoleSide, SideChanges } from '../core/roles/roles.ports.ts';
import { builtInRole } from '../core/authz/permissions.ts';
import { findPageOf, sortOn } from './pagination.ts';

/** The collections of the sides' objects: roles with their name claims, and assignments. */
export const RoleCollections = { roles: 'roles', roleNameClaims: 'roleNameClaims' } as const;
export const AssignmentCollections = { assignments: 'assignments' } as const;

/** The documents of one side. */
export const sideFilter = (side: RoleSide) => ({
  tenantId: side.customerTenantId,
  partnerTenantId: side.partnerTenantId,
});

/** One document of one side (another side's, with the same id, never matches). */
export const onSide = (side: RoleSide, id: string) => ({ _id: id, ...sideFilter(side) });

/** The documents of some partners' sides in one customer (the customer's Partners view). */
export const partnerSidesFilter = (
  customerTenantId: string,
  partnerTenantIds: readonly string[]
) => ({ tenantId: customerTenantId, partnerTenantId: { $in: [...partnerTenantIds] } });

/**
 * What a write naming role `roleId` of `side` requires: a custom role must still be there (a
 * write that changes nothing, required; first in its batch), a built-in always is.
 */
export const customRoleRequired = (side: RoleSide, roleId: string): BatchWrite[] =>
  builtInRole(roleId)
    ? []
    : [
        {
          collection: RoleCollections.roles,
          updateOne: { filter: onSide(side, roleId), update: { $set: {} }, required: true },
        },
      ];

/** One object of one side, as the core models it (a role, an assignment). */
export interface SideRecord {
  id: string;
  customerTenantId: string;
  partnerTenantId: string | null;
}

/** It as stored: `_id` its id, `tenantId` the customer; `updated*` once it has changed. */
export type SideDoc<R extends SideRecord> = BaseDoc &
  Omit<R, 'id' | 'customerTenantId'> & { updatedAt?: Date; updatedBy?: string };

/**
 * The one repository shape of a side's collection: lists, reads, and the writes a change is made
 * of, for one batch with its audit records (writeWithAudit, with what AuditTrail.commit hands over).
 */
export abstract class SideRepository<R extends SideRecord> {
  protected readonly coll: DocCollection<SideDoc<R>>;

  /** `order`: the field the side's lists sort on (then `_id`). */
  constructor(
    protected readonly store: Store,
    collection: string,
    private readonly order: string
  ) {
    this.coll = store.collection<SideDoc<R>>(collection);
  }

  /** A document as the core models it (`partnerTenantId` null where older data omits it). */
  protected readonly toRecord = ({
    _id,
    tenantId,
    ...rest
  }: SideDoc<R>): R & { updatedAt?: Date } => {
    const partnerTenantId = (rest as { partnerTenantId?: string | null }).partnerTenantId ?? null;
    return { ...rest, id: _id, customerTenantId: tenantId, partnerTenantId } as unknown as R;
  };

  list(side: RoleSide, page: PageRequest): Promise<PageResult<R>> {
    const filter = sideFilter(side) as Filter<SideDoc<R>>;
    return findPageOf(this.coll, filter, sortOn(this.order), page, this.toRecord);
  }

  async get(side: RoleSide, id: string): Promise<R | null> {
    const doc = await this.coll.findOne(onSide(side, id) as Filter<SideDoc<R>>);
    return doc && this.toRecord(doc);
  }

  /** The objects of some partners' sides in one customer, in list order (the Partners view). */
  async listOfPartners(customerTenantId: string, partnerTenantIds: readonly string[]) {
    const filter = partnerSidesFilter(customerTenantId, partnerTenantIds) as Filter<SideDoc<R>>;
    const sort = Object.fromEntries(sortOn(this.order));
    return (await this.coll.find(filter, { sort }).toArray()).map(this.toRecord);
  }

  protected insertWrite({ id, customerTenantId, ...rest }: R): BatchWrite {
    const document = { ...rest, _id: id, tenantId: customerTenantId };
    return { collection: this.coll.collectionName, insertOne: { document } };
  }

  /** The change of `id` on `side` while `filter` still holds; required (it may be unmet). */
  protected changeWrite(
    side: RoleSide,
    id: string,
    changes: SideChanges<object>,
    filter: Record<string, unknown> = {}
  ): BatchWrite {
    const update = { $set: changes } as Update<BaseDoc>;
    return {
      collection: this.coll.collectionName,
      findOneAndUpdate: {
        filter: { ...onSide(side, id), ...filter },
        update,
        returnDocument: 'after',
        required: true,
      },
    };
  }

  /** The document a batch's change write (at `at`) answered, mapped. */
  protected changed(written: BatchWriteResult[], at: number): R & { updatedAt?: Date } {
    return this.toRecord((written[at] as { document: SideDoc<R> }).document);
  }

  protected deleteWrite(side: RoleSide, id: string): BatchWrite {
    return {
      collection: this.coll.collectionName,
      deleteOne: { filter: onSide(side, id), required: true },
    };
  }
}
