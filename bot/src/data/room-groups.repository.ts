/** The room groups collection's repository. */
import type { DocCollection, Store } from '../store/types.ts';
import { conflict } from '../core/errors.ts';
import type { NamedRef } from '../core/partners/partners.ports.ts';
import type { RoomGroup } from '../core/resources/resources.model.ts';
import type { PageRequest, RoomGroupRepository } from '../core/resources/resources.ports.ts';
import { ResourceErrors } from '../core/resources/resources.errors.ts';
import { ResourceCollections, type RoomGroupDoc } from './collections.ts';
import { findPageOf, sortOn } from './pagination.ts';
import { insertNewWith, changedInTenantWith } from './write-with-audit.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { namedAmong, unknownAmong } from './among-ids.ts';

const toGroup = ({ _id, ...d }: RoomGroupDoc): RoomGroup => ({ id: _id, ...d });

export class StoreRoomGroupRepository implements RoomGroupRepository {
  private readonly coll: DocCollection<RoomGroupDoc>;
  constructor(private readonly store: Store) {
    this.coll = store.collection<RoomGroupDoc>(ResourceCollections.roomGroups);
  }

  async page(tenantId: string, onlyIds: readonly string[] | null, page: PageRequest) {
    const filter = onlyIds ? { tenantId, _id: { $in: [...onlyIds] } } : { tenantId };
    return findPageOf(this.coll, filter, sortOn('displayName'), page, toGroup);
  }

  async get(tenantId: string, groupId: string) {
    const d = await this.coll.findOne({ tenantId, _id: groupId });
    return d && toGroup(d);
  }

  unknownIds(tenantId: string, groupIds: readonly string[]): Promise<string[]> {
    return unknownAmong(this.coll, tenantId, groupIds);
  }

  named(tenantId: string, ids: readonly string[]): Promise<NamedRef[]> {
    return namedAmong(this.coll, tenantId, ids);
  }

  /** The group and its audit records in one write; false (nothing written) when the name is taken. */
  insert({ id, ...rest }: RoomGroup, audit: readonly AuditRecord[] = []) {
    return insertNewWith(this.store, this.coll, { _id: id, ...rest }, audit);
  }

  /** The change and its audit records in one write. */
  async update(
    tenantId: string,
    groupId: string,
    changes: Partial<Pick<RoomGroup, 'displayName' | 'description'>>,
    audit: readonly AuditRecord[] = []
  ) {
    const { store, coll } = this;
    return changedInTenantWith(
      store,
      coll,
      tenantId,
      groupId,
      changes,
      audit,
      toGroup,
      groupNameTaken
    );
  }
}

const groupNameTaken = () =>
  conflict(
    ResourceErrors.ROOM_GROUP_NAME_TAKEN,
    'This customer already has a room group with this name.'
  );
