/**
 * Demo data of the Pro Management resources, on top of the rooms, groups and rings of
 * demo-data.ts: a self-enrollment key for every demo room, default Teams Rooms Pro settings for
 * each demo customer (Contoso's with a maintenance window and an alert contact), and a custom
 * "Pilot" ring for Contoso. Idempotent: insert-if-absent only, nothing existing is overwritten.
 */
import type { Store } from '../store/types.ts';
import { ResourceCollections, type RoomDoc, type UpdateRingDoc } from '../data/collections.ts';
import {
  ResourceExtraCollections,
  type EnrollmentKeyDoc,
  type SettingsDoc,
} from '../data/resources.collections.ts';
import { newEnrollmentKey } from '../data/enrollment-keys.repository.ts';
import { defaultSettings } from '../core/resources/settings.rules.ts';
import type { RoomsProSettings } from '../core/resources/resources.model.ts';
import { ensureWhere } from './ensure.ts';

export interface DemoResourceRefs {
  /** Demo customer tenants (keys as in demo-data.ts) that have rooms. */
  customers: string[];
  ids: { tenant: (t: string) => string; ring: (t: string, r: string) => string };
}

export async function seedDemoResources(
  store: Store,
  now: Date,
  demo: DemoResourceRefs
): Promise<void> {
  const rooms = store.collection<RoomDoc>(ResourceCollections.rooms);
  const keys = store.collection<EnrollmentKeyDoc>(ResourceExtraCollections.enrollmentKeys);
  const settings = store.collection<SettingsDoc>(ResourceExtraCollections.settings);
  for (const customer of demo.customers) {
    const tenantId = demo.ids.tenant(customer);
    for (const room of await rooms
      .find({ tenantId }, { projection: { _id: 1, enrollment: 1 } })
      .toArray()) {
      await ensureWhere(
        keys,
        { tenantId, _id: room._id },
        { key: newEnrollmentKey(), version: room.enrollment?.keyVersion ?? 1, issuedAt: now }
      );
    }
    const s: RoomsProSettings = defaultSettings();
    if (customer === 'contoso') {
      s.timeZone = 'America/Los_Angeles';
      s.maintenanceWindow = { days: ['Sat', 'Sun'], start: '01:00', durationMinutes: 240 };
      s.notifications.contacts = ['rooms-ops@contoso.example'];
      s.notifications.severities = ['Important', 'Warning'];
    }
    await ensureWhere(
      settings,
      { tenantId, _id: tenantId },
      { ...s, version: 1, updatedAt: now, updatedBy: 'seed' }
    );
  }
  if (demo.customers.includes('contoso')) {
    const tenantId = demo.ids.tenant('contoso');
    const pilot: UpdateRingDoc = {
      _id: demo.ids.ring('contoso', 'pilot'),
      tenantId,
      displayName: 'Pilot',
      order: 2,
      builtIn: false,
      deferralDays: 7,
      description: 'Early adopters after Staging.',
    };
    const rings = store.collection<UpdateRingDoc>(ResourceCollections.updateRings);
    // Skipped when order 2 is taken (e.g. a ring created by hand): the customer's ring wins.
    if (!(await rings.findOne({ tenantId, order: pilot.order }))) {
      await ensureWhere(rings, { tenantId, _id: pilot._id }, pilot);
    }
  }
}
