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

/** A raised signal on a ticket: the ticket, the signal's severity, what follows. */
const RAISED: [
  when: string,
  ticket: Parameters<typeof raisedEffect>[0],
  signal: Parameters<typeof raisedEffect>[1],
  then: string,
  effect: ReturnType<typeof raisedEffect>,
][] = [
  [
    'a Warning ticket receives an Important signal',
    { severity: 'Warning', status: 'Open' },
    { severity: 'Important' },
    'it escalates',
    { escalate: true, reopen: false },
  ],
  [
    'an Important ticket receives a Warning signal',
    { severity: 'Important', status: 'InProgress' },
    { severity: 'Warning' },
    'nothing is lowered',
    { escalate: false, reopen: false },
  ],
  [
    'a Resolved ticket receives a raised signal',
    { severity: 'Important', status: 'Resolved' },
    { severity: 'Important' },
    'it reopens',
    { escalate: false, reopen: true },
  ],
];

describe('signal rules', () => {
  for (const [when, ticket, signal, then, effect] of RAISED) {
    it(`When ${when}, then ${then}`, () => {
      assert.deepEqual(raisedEffect(ticket, signal), effect);
    });
  }
  it('When a signal clears, then only tickets still being worked on are resolved', () => {
    assert.deepEqual(
      TICKET_STATUSES.filter((s) => clearResolves({ status: s })),
      ['Open', 'Acknowledged', 'InProgress']
    );
  });
});
