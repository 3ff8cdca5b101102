/** The Teams Rooms Pro settings collection's repository (one document per customer). */
import type { DocCollection, Store } from '../store/types.ts';
import type { RoomsProSettings, StoredSettings } from '../core/resources/resources.model.ts';
import type { SettingsRepository } from '../core/resources/resources.ports.ts';
import { ResourceExtraCollections, type SettingsDoc } from './resources.collections.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { insertNewWith, updatedOneWith } from './write-with-audit.ts';

export class StoreSettingsRepository implements SettingsRepository {
  private readonly coll: DocCollection<SettingsDoc>;
  constructor(private readonly store: Store) {
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

  /** The settings (a compare-and-set on the version) and the audit records in one write. */
  async save(
    tenantId: string,
    settings: RoomsProSettings,
    expectedVersion: number,
    by: string,
    now: Date,
    audit: readonly AuditRecord[] = []
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
    if (expectedVersion === 0) {
      return insertNewWith(this.store, this.coll, { _id: tenantId, tenantId, ...fields }, audit);
    }
    const filter = { tenantId, _id: tenantId, version: expectedVersion };
    return (await updatedOneWith(this.store, this.coll, filter, { $set: fields }, audit)) !== null;
  }
}
