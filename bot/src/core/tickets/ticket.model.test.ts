import assert from 'node:assert/strict';
import {
  TICKET_STATUSES,
  canTransition,
  clearResolves,
  raisedEffect,
  type TicketStatus,
} from './ticket.model.ts';

describe('ticket state machine', () => {
  /** Every allowed transition; every other pair must be refused. */
  const allowed: [TicketStatus, TicketStatus][] = [
    ['Open', 'Acknowledged'],
    ['Open', 'InProgress'],
    ['Open', 'Resolved'],
    ['Open', 'Closed'],
    ['Acknowledged', 'InProgress'],
    ['Acknowledged', 'Resolved'],
    ['Acknowledged', 'Closed'],
    ['InProgress', 'Resolved'],
    ['InProgress', 'Closed'],
    ['Resolved', 'Open'],
    ['Resolved', 'Closed'],
  ];
  const key = (a: string, b: string) => `${a}->${b}`;
  const allowedKeys = new Set(allowed.map(([a, b]) => key(a, b)));
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const expected = allowedKeys.has(key(from, to));
      it(`When a ticket goes ${from} → ${to}, then it is ${expected ? 'allowed' : 'refused'}`, () => {
        assert.equal(canTransition(from, to), expected);
      });
    }
  }
});

describe('signal rules', () => {
  it('When a Warning ticket receives an Important signal, then it escalates', () => {
    assert.deepEqual(
      raisedEffect({ severity: 'Warning', status: 'Open' }, { severity: 'Important' }),
      { escalate: true, reopen: false }
    );
  });
  it('When an Important ticket receives a Warning signal, then nothing is lowered', () => {
    assert.deepEqual(
      raisedEffect({ severity: 'Important', status: 'InProgress' }, { severity: 'Warning' }),
      { escalate: false, reopen: false }
    );
  });
  it('When a Resolved ticket receives a raised signal, then it reopens', () => {
    assert.deepEqual(
      raisedEffect({ severity: 'Important', status: 'Resolved' }, { severity: 'Important' }),
      { escalate: false, reopen: true }
    );
  });
  it('When a signal clears, then only tickets still being worked on are resolved', () => {
    assert.deepEqual(
      TICKET_STATUSES.filter((s) => clearResolves({ status: s })),
      ['Open', 'Acknowledged', 'InProgress']
    );
  });
});
