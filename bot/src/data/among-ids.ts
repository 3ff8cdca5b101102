/** Reads of a tenant's rooms or room groups by id (the scope of an assignment or invitation). */
import type { DocCollection, Filter, FindOptions } from '../store/types.ts';
import type { NamedRef } from '../core/partners/partners.ports.ts';
import type { RoomDoc, RoomGroupDoc } from './collections.ts';

/** The documents of the tenant among `ids`, read with `options` (nothing read for no ids). */
export async function amongIds<T extends RoomDoc | RoomGroupDoc>(
  coll: DocCollection<T>,
  tenantId: string,
  ids: readonly string[],
  options: FindOptions
): Promise<T[]> {
  if (ids.length === 0) return [];
  return coll.find({ tenantId, _id: { $in: [...ids] } } as Filter<T>, options).toArray();
}

/** The ids among `ids` that do not exist in the tenant, in the order given. */
export async function unknownAmong<T extends RoomDoc | RoomGroupDoc>(
  coll: DocCollection<T>,
  tenantId: string,
  ids: readonly string[]
): Promise<string[]> {
  const found = await amongIds(coll, tenantId, ids, { projection: { _id: 1 } });
  const known = new Set(found.map((d) => d._id));
  return ids.filter((id) => !known.has(id));
}

/** The rooms or groups among `ids` that exist in the tenant, by name. */
export async function namedAmong<T extends RoomDoc | RoomGroupDoc>(
  coll: DocCollection<T>,
  tenantId: string,
  ids: readonly string[]
): Promise<NamedRef[]> {
  const docs = await amongIds(coll, tenantId, ids, { sort: { displayName: 1, _id: 1 } });
  return docs.map((d) => ({ id: d._id, displayName: d.displayName }));
}
