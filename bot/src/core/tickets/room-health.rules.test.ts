import assert from 'node:assert/strict';
import {
  healthChange,
  healthEffect,
  healthFromOpenTickets,
  healthOf,
} from './room-health.rules.ts';

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

  describe('from the ticket before and after the change', () => {
    const signal = { severity: 'Important', source: 'signal', status: 'Open' } as const;
    const issue = { severity: 'Warning', source: 'customer', status: 'Open' } as const;

    it('When a live ticket now gives its room less, then the room is derived again', () => {
      assert.equal(healthChange(signal, { ...signal, status: 'Resolved' }), 'derive');
      assert.equal(healthChange(issue, { ...issue, status: 'Closed' }), 'derive');
      assert.equal(healthChange(signal, { ...signal, severity: 'Warning' }), 'derive');
    });

    it("When a recorded issue's severity changes, then the room is only raised (it stays Important)", () => {
      assert.equal(healthChange(issue, { ...issue, severity: 'Important' }), 'raise');
      assert.equal(
        healthChange({ ...issue, severity: 'Important' }, { ...issue, severity: 'Warning' }),
        'raise'
      );
    });

    it('When a ticket gets worse, comes back or moves between live states, then the room is raised', () => {
      const warning = { ...signal, severity: 'Warning' } as const;
      assert.equal(healthChange(warning, signal), 'raise');
      assert.equal(healthChange({ ...signal, status: 'Resolved' }, signal), 'raise');
      assert.equal(healthChange(signal, { ...signal, status: 'Acknowledged' }), 'raise');
    });

    it('When nothing the room depends on changed, or the ticket stays out of the live states, then nothing', () => {
      assert.equal(healthChange(signal, signal), 'none');
      assert.equal(
        healthChange({ ...issue, status: 'Resolved' }, { ...issue, status: 'Closed' }),
        'none'
      );
    });
  });
});
