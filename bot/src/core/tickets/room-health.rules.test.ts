import assert from 'node:assert/strict';
import { healthEffect, healthFromOpenTickets, healthOf } from './room-health.rules.ts';

describe('Room health from tickets', () => {
  it('When a recorded issue or an Important incident is open, then the room is Important', () => {
    assert.equal(healthOf({ severity: 'Warning', source: 'customer' }), 'Important');
    assert.equal(healthOf({ severity: 'Important', source: 'signal' }), 'Important');
    assert.equal(
      healthFromOpenTickets([
        { severity: 'Warning', source: 'signal' },
        { severity: 'Important', source: 'signal' },
      ]),
      'Important'
    );
  });

  it('When only Warnings are open, then Warning; when none, then Healthy', () => {
    assert.equal(healthFromOpenTickets([{ severity: 'Warning', source: 'signal' }]), 'Warning');
    assert.equal(healthFromOpenTickets([]), 'Healthy');
  });

  it('When a ticket leaves the live states or becomes a Warning, then the room is derived again', () => {
    const t = { severity: 'Important', source: 'signal' } as const;
    assert.equal(healthEffect({ ...t, status: 'Resolved' }, { status: 'Resolved' }), 'derive');
    assert.equal(
      healthEffect({ ...t, severity: 'Warning', status: 'Open' }, { severity: 'Warning' }),
      'derive'
    );
  });

  it('When a live ticket gets worse or comes back, then the room is raised; a note changes nothing', () => {
    const t = { severity: 'Important', source: 'signal' } as const;
    assert.equal(healthEffect({ ...t, status: 'Open' }, { severity: 'Important' }), 'raise');
    assert.equal(healthEffect({ ...t, status: 'Open' }, { status: 'Open' }), 'raise');
    assert.equal(healthEffect({ ...t, status: 'Open' }, {}), 'none');
  });
});
