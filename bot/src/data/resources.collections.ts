/**
 * Documents of the Pro Management resources besides rooms, groups and rings (collections.ts):
 * self-enrollment keys, kept apart from rooms so no room read can ever carry one, and the
 * customer's Teams Rooms Pro settings. Both are owned by the customer tenant.
 */
import type { BaseDoc } from '../store/types.ts';
import type { RoomsProSettings } from '../core/resources/resources.model.ts';
import { declareCollections } from './index-plan.ts';

/** `_id` is the room id: one current key per room. */
export interface EnrollmentKeyDoc extends BaseDoc {
  key: string;
  version: number;
  issuedAt: Date;
}

/** `_id` is the tenant id: one settings document per customer. */
export interface SettingsDoc extends BaseDoc, RoomsProSettings {
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export const { names: ResourceExtraCollections, indexes: resourceExtraIndexes } =
  declareCollections({
    enrollmentKeys: { name: 'enrollmentKeys', indexes: [{ keys: { tenantId: 1, _id: 1 } }] },
    settings: { name: 'roomsProSettings', indexes: [{ keys: { tenantId: 1 } }] },
  });
