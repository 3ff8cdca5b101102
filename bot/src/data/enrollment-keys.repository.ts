/**
 * The self-enrollment keys collection's repository: kept apart from rooms, so no room read can
 * ever carry a key.
 */
import { randomBytes } from 'node:crypto';
import type { BatchWrite, DocCollection, Store } from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import { conflict } from '../core/errors.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import type { EnrollmentKey } from '../core/resources/resources.model.ts';
import type { EnrollmentKeyRepository } from '../core/resources/resources.ports.ts';
import { ResourceErrors } from '../core/resources/resources.errors.ts';
import { ResourceExtraCollections, type EnrollmentKeyDoc } from './resources.collections.ts';
import { ResourceCollections } from './collections.ts';
import { auditWrites } from './foundation.repositories.ts';

export class StoreEnrollmentKeyRepository implements EnrollmentKeyRepository {
  private readonly coll: DocCollection<EnrollmentKeyDoc>;
  constructor(private readonly store: Store) {
    this.coll = store.collection<EnrollmentKeyDoc>(ResourceExtraCollections.enrollmentKeys);
  }

  /**
   * The room's key version (first: the room may be gone), the next key (a compare-and-set on the
   * version read) and the audit records in one write; read again when a concurrent reset came
   * first.
   */
  async reset(
    tenantId: string,
    roomId: string,
    key: string,
    now: Date,
    audit: readonly AuditRecord[] = []
  ): Promise<EnrollmentKey | null> {
    // A concurrent reset changes the version read: read again (a few times; each loser of a
    // round means another reset succeeded).
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.coll.findOne({ tenantId, _id: roomId });
      const version = (current?.version ?? 0) + 1;
      const next = { _id: roomId, tenantId, key, version, issuedAt: now };
      const keyWrite: BatchWrite = current
        ? {
            collection: this.coll.collectionName,
            updateOne: {
              filter: { tenantId, _id: roomId, version: current.version },
              update: { $set: { key, version, issuedAt: now } },
              required: true,
            },
          }
        : { collection: this.coll.collectionName, insertOne: { document: next } };
      const roomWrite: BatchWrite = {
        collection: ResourceCollections.rooms,
        updateOne: {
          filter: { tenantId, _id: roomId },
          update: { $max: { 'enrollment.keyVersion': version }, $set: { updatedAt: now } },
          required: true,
        },
      };
      try {
        if (await this.store.writeBatch([roomWrite, keyWrite, ...auditWrites(audit)])) {
          return StoreEnrollmentKeyRepository.toKey(next);
        }
      } catch (e) {
        // Only a first key created concurrently is read again; any other failure stands.
        if (current || !isDuplicateKeyError(e) || !(await this.get(tenantId, roomId))) throw e;
        continue;
      }
      const room = await this.store
        .collection(ResourceCollections.rooms)
        .countDocuments({ tenantId, _id: roomId }, { limit: 1 });
      if (room === 0) return null;
    }
    throw conflict(ResourceErrors.ROOM_CHANGED, 'The key was reset meanwhile; try again.');
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

  /**
   * The write storing a new room's first key `k` (over any key left under its id), for the room's
   * own write (StoreRoomRepository.insert).
   */
  static issueWrite(k: EnrollmentKey): BatchWrite {
    const { roomId, tenantId, key, version, issuedAt } = k;
    return {
      collection: ResourceExtraCollections.enrollmentKeys,
      updateOne: {
        filter: { tenantId, _id: roomId },
        update: { $set: { key, version, issuedAt } },
        upsert: true,
      },
    };
  }
}

/** A self-enrollment key: 32 random bytes, base64url (43 characters). */
export const newEnrollmentKey = () => randomBytes(32).toString('base64url');
