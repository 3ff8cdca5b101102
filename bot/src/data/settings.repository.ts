/** The Teams Rooms Pro settings collection's repository (one document per customer). */
import type { DocCollection, Store } from '../store/types.ts';
import type { RoomsProSettings, StoredSettings } from '../core/resources/resources.model.ts';
import type { SettingsRepository } from '../core/resources/resources.ports.ts';
import { ResourceExtraCollections, type SettingsDoc } from './resources.collections.ts';
import { insertNew } from './insert-new.ts';

export class StoreSettingsRepository implements SettingsRepository {
  private readonly coll: DocCollection<SettingsDoc>;
  constructor(store: Store) {
    this.coll = store.collection<SettingsDoc>(ResourceExtraCollections.settings);
  }

  async get(tenantId: string): Promise<StoredSettings | null> {
    const d = await this.coll.findOne({ tenantId, _id: tenantId });
    if (!d) return null;
    const { timeZone, maintenanceWindow, notifications, features } = d;
    return {
      settings: { timeZone, maintenanceWindow, notifications, features },
      version: d.version,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
    };
  }

  async save(
    tenantId: string,
    settings: RoomsProSettings,
    expectedVersion: number,
    by: string,
    now: Date
  ) {
    const fields = {
      timeZone: settings.timeZone,
      maintenanceWindow: settings.maintenanceWindow,
      notifications: settings.notifications,
      features: settings.features,
      version: expectedVersion + 1,
      updatedAt: now,
      updatedBy: by,
    };
    if (expectedVersion === 0) return insertNew(this.coll, { _id: tenantId, tenantId, ...fields });
    const r = await this.coll.updateOne(
      { tenantId, _id: tenantId, version: expectedVersion },
      { $set: fields }
    );
    return r.matchedCount === 1;
  }
}
