/**
 * The self-enrollment keys collection's repository: kept apart from rooms, so no room read can
 * ever carry a key.
 */
import { randomBytes } from 'node:crypto';
import type { DocCollection, Store } from '../store/types.ts';
import type { EnrollmentKey } from '../core/resources/resources.model.ts';
import type { EnrollmentKeyRepository } from '../core/resources/resources.ports.ts';
import { ResourceExtraCollections, type EnrollmentKeyDoc } from './resources.collections.ts';

export class StoreEnrollmentKeyRepository implements EnrollmentKeyRepository {
  private readonly coll: DocCollection<EnrollmentKeyDoc>;
  constructor(store: Store) {
    this.coll = store.collection<EnrollmentKeyDoc>(ResourceExtraCollections.enrollmentKeys);
  }

  private static toKey(d: EnrollmentKeyDoc): EnrollmentKey {
    return {
      roomId: d._id,
      tenantId: d.tenantId,
      key: d.key,
      version: d.version,
      issuedAt: d.issuedAt,
    };
  }

  async get(tenantId: string, roomId: string) {
    const d = await this.coll.findOne({ tenantId, _id: roomId });
    return d && StoreEnrollmentKeyRepository.toKey(d);
  }

  async rotate(tenantId: string, roomId: string, key: string, now: Date) {
    const d = await this.coll.findOneAndUpdate(
      { tenantId, _id: roomId },
      { $set: { key, issuedAt: now }, $inc: { version: 1 } },
      { upsert: true, returnDocument: 'after' }
    );
    if (!d) throw new Error('enrollment key upsert returned nothing');
    return StoreEnrollmentKeyRepository.toKey(d);
  }
}

/** A self-enrollment key: 32 random bytes, base64url (43 characters). */
export const newEnrollmentKey = () => randomBytes(32).toString('base64url');
