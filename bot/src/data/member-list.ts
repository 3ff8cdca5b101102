/**
 * A tenant's list of members, one document per member (unique per tenant and member id): its
 * Teams Rooms Pro Managers, a partner's tenant managers. The two differ only in the names of the
 * fields saying who added a member and when.
 */
import { randomUUID } from 'node:crypto';
import type { BaseDoc, DocCollection, Filter } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import { insertNew } from './insert-new.ts';

export class StoreMemberList<D extends BaseDoc & { member: MemberRef }> {
  constructor(
    private readonly coll: DocCollection<D>,
    private readonly fields: { by: string; at: string },
    private readonly now: () => Date
  ) {}

  /** The members in the order they were added. */
  async list(tenantId: string): Promise<MemberRef[]> {
    const sort = { [this.fields.at]: 1 as const, _id: 1 as const };
    const docs = await this.coll.find({ tenantId } as Filter<D>, { sort }).toArray();
    return docs.map((d) => d.member);
  }

  /** False when the member is already in the list. */
  add(tenantId: string, member: MemberRef, by: string): Promise<boolean> {
    return insertNew(this.coll, {
      _id: randomUUID(),
      tenantId,
      member: { type: member.type, id: member.id },
      [this.fields.by]: by,
      [this.fields.at]: this.now(),
    } as unknown as D);
  }

  async remove(tenantId: string, memberId: string): Promise<boolean> {
    const r = await this.coll.deleteOne({
      tenantId,
      'member.id': memberId,
    } as unknown as Filter<D>);
    return r.deletedCount === 1;
  }
}
