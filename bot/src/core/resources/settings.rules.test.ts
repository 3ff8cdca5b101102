import assert from 'node:assert/strict';
import {
  checkSettings,
  defaultSettings,
  mergeSettings,
  settingsProblems,
} from './settings.rules.ts';

describe('Teams Rooms Pro settings rules', () => {
  it('When nothing is stored, then the defaults are valid', () => {
    assert.deepEqual(settingsProblems(defaultSettings()), []);
  });

  it('When the defaults are changed through a copy, then the shared defaults stay as they were', () => {
    const a = defaultSettings();
    a.maintenanceWindow.days.pop();
    assert.equal(defaultSettings().maintenanceWindow.days.length, 7);
  });

  it('When a patch names one field of a section, then the other fields of it are kept', () => {
    const merged = mergeSettings(defaultSettings(), {
      maintenanceWindow: { start: '23:30' },
      notifications: { contacts: ['ops@contoso.example'] },
    });
    assert.equal(merged.maintenanceWindow.start, '23:30');
    assert.equal(merged.maintenanceWindow.durationMinutes, 180);
    assert.deepEqual(merged.notifications.contacts, ['ops@contoso.example']);
    assert.deepEqual(merged.notifications.severities, ['Important']);
    assert.equal(merged.timeZone, 'UTC');
  });

  for (const [what, patch, field] of [
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a 25:00 start', { maintenanceWindow: { start: '25:00' } }, 'maintenanceWindow.start'],
    [
      'a 10-minute window',
      { maintenanceWindow: { durationMinutes: 10 } },
      'maintenanceWindow.durationMinutes',
    ],
    ['no days', { maintenanceWindow: { days: [] } }, 'maintenanceWindow.days'],
    ['a day twice', { maintenanceWindow: { days: ['Mon', 'Mon'] } }, 'maintenanceWindow.days'],
    [
      'a contact that is no address',
      { notifications: { contacts: ['not-an-email'] } },
      'notifications.contacts',
    ],
    [
      'the same contact twice',
      { notifications: { contacts: ['a@b.example', 'A@b.example'] } },
      'notifications.contacts',
    ],
  ] as const) {
    it(`When settings get ${what}, then SETTINGS.INVALID names ${field}`, () => {
      const merged = mergeSettings(defaultSettings(), patch as never);
      assert.throws(
        () => checkSettings(merged),
        (e: { code?: string; details?: { problems?: string[] } }) =>
          e.code === 'SETTINGS.INVALID' &&
          !!e.details?.problems?.some((p) => p.startsWith(field + ':'))
      );
    });
  }

  it('When the time zone is a real IANA zone, then it is accepted', () => {
    assert.deepEqual(
      settingsProblems(mergeSettings(defaultSettings(), { timeZone: 'Europe/Paris' })),
      []
    );
  });
});
