/**
 * The customer's Teams Rooms Pro settings (MMR settings, PRODUCT.md §3): one document per
 * tenant, defaults until first saved. Tenant-level: MMR settings › View / Modify. Saves are
 * compare-and-set on a version, so two concurrent changes never silently overwrite each other.
 */
import type { Caller } from '../identity/caller.ts';
import { metOrNull, subjectOf } from '../audit/audited.ts';
import { changeInCustomer, customerAccess } from '../authz/customer-access.ts';
import { conflict } from '../errors.ts';
import type { RoomsProSettings, StoredSettings } from './resources.model.ts';
import type { ResourcesDeps } from './resources.ports.ts';
import { ResourceErrors } from './resources.errors.ts';
import { requireGranted } from './resource-access.ts';
import {
  checkSettings,
  defaultSettings,
  mergeSettings,
  type SettingsPatch,
} from './settings.rules.ts';
import { toSettingsView, type SettingsView } from './resources.views.ts';

const stored = async (deps: ResourcesDeps, tenantId: string): Promise<StoredSettings> =>
  (await deps.settings.get(tenantId)) ?? { settings: defaultSettings(), version: 0 };

export async function getSettings(
  caller: Caller,
  customerTenantId: string,
  deps: ResourcesDeps
): Promise<SettingsView> {
  const access = await customerAccess(caller, customerTenantId, deps.grantsFor);
  requireGranted(access, 'settings.view');
  return toSettingsView(await stored(deps, customerTenantId));
}

const ATTEMPTS = 3;

/** `replace`: the whole document (PUT); `merge`: only the fields given (PATCH). */
export async function updateSettings(
  caller: Caller,
  customerTenantId: string,
  change: { replace: RoomsProSettings } | { merge: SettingsPatch },
  deps: ResourcesDeps
): Promise<SettingsView> {
  const subject = subjectOf('Settings', 'RoomsProSettings')(customerTenantId, 'Update');
  return changeInCustomer(deps, caller, customerTenantId, subject, async (access, trail) => {
    requireGranted(access, 'settings.modify');
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await stored(deps, customerTenantId);
      const next =
        'replace' in change ? change.replace : mergeSettings(current.settings, change.merge);
      checkSettings(next);
      const now = deps.now();
      // The settings (a compare-and-set on the version read) and the audit records: one write.
      const saved = await trail.commit((audit) =>
        metOrNull(
          deps.settings.save(customerTenantId, next, current.version, caller.userId, now, audit)
        )
      );
      if (saved) {
        return toSettingsView({
          settings: next,
          version: current.version + 1,
          updatedAt: now,
          updatedBy: caller.userId,
        });
      }
    }
    throw conflict(
      ResourceErrors.SETTINGS_CHANGED,
      'The settings changed meanwhile; reload them and try again.'
    );
  });
}
