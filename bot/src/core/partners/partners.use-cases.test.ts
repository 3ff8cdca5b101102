/**
 * Use-case rules that hold whatever the storage: authorization happens before any data is read
 * (the data ports here throw if touched), and each call writes one audit record per involved log.
 */
import assert from 'node:assert/strict';
import type { Caller } from '../identity/caller.ts';
import type { AuditEntry } from '../audit/audit.ts';
import type { PartnersDeps } from './partners.ports.ts';
import { audited as auditedAcross, type AuditTrail } from '../audit/audited.ts';
import {
  createInvitation,
  listCustomerInvitations,
  withdrawInvitation,
} from './invitations.use-cases.ts';
import {
  deletePartnerAssignment,
  deletePartnerRole,
  listPartners,
  removePartner,
  setPartnerScope,
} from './relationships.use-cases.ts';
import { addTenantManager } from './tenant-managers.use-cases.ts';
import { conflict } from '../errors.ts';

/** A caller with no product role in their tenant. */
const employee: Caller = {
  principal: { tenantId: 'cust', userId: 'u1', wids: [] },
  tenantId: 'cust',
  userId: 'u1',
  groupIds: new Set(),
  isGlobalAdmin: false,
  isRoomsProManager: false,
};

/** Every data port throws when touched; only the audit log records. */
function untouchableDeps(): { deps: PartnersDeps; records: AuditEntry[] } {
  const records: AuditEntry[] = [];
  const boom = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => () =>
          Promise.reject(new Error(`${name}.${String(prop)} touched before authorization`)),
      }
    );
  const deps = {
    directory: boom('directory'),
    tenants: boom('tenants'),
    registry: boom('registry'),
    tenantManagers: boom('tenantManagers'),
    relationships: boom('relationships'),
    partnerAccess: boom('partnerAccess'),
    rooms: boom('rooms'),
    audit: {
      record: async (e: AuditEntry) => void records.push(e),
      recordAll: async (es: readonly AuditEntry[]) => void records.push(...es),
    },
    now: () => new Date(0),
    newId: () => 'new-id',
  } as unknown as PartnersDeps;
  return { deps, records };
}

describe('Partner use cases: authorization comes first', () => {
  const mutations: [string, (deps: PartnersDeps) => Promise<unknown>][] = [
    [
      'createInvitation',
      (d) =>
        createInvitation(
          employee,
          {
            partnerDomain: 'p.example',
            expiresInDays: 3,
            changeControl: 'auto',
            scope: { allRooms: true },
            agreeToTerms: true,
          },
          d
        ),
    ],
    ['withdrawInvitation', (d) => withdrawInvitation(employee, 'i', d)],
    ['setPartnerScope', (d) => setPartnerScope(employee, 'p', { allRooms: true }, d)],
    ['deletePartnerRole', (d) => deletePartnerRole(employee, 'p', 'r', d)],
    ['deletePartnerAssignment', (d) => deletePartnerAssignment(employee, 'p', 'a', d)],
    ['removePartner', (d) => removePartner(employee, 'p', d)],
    ['addTenantManager', (d) => addTenantManager(employee, { type: 'user', id: 'x' }, d)],
  ];
  for (const [name, run] of mutations) {
    it(`When an employee calls ${name}, then 403 before any data is touched, and one Failed record`, async () => {
      const { deps, records } = untouchableDeps();
      await assert.rejects(run(deps), { code: 'AUTHZ.FORBIDDEN' });
      assert.equal(records.length, 1);
      assert.deepEqual(
        {
          tenantId: records[0]!.tenantId,
          result: records[0]!.result,
          actorId: records[0]!.actorId,
          detail: records[0]!.detail,
        },
        { tenantId: 'cust', result: 'Failed', actorId: 'u1', detail: 'AUTHZ.FORBIDDEN' }
      );
    });
  }

  for (const [name, run] of [
    [
      'listCustomerInvitations',
      (d: PartnersDeps) => listCustomerInvitations(employee, { limit: 10 }, d),
    ],
    ['listPartners', (d: PartnersDeps) => listPartners(employee, { limit: 10 }, d)],
  ] as const) {
    it(`When an employee calls ${name}, then 403 before any data is touched and nothing is recorded (a read)`, async () => {
      const { deps, records } = untouchableDeps();
      await assert.rejects(run(deps), { code: 'AUTHZ.FORBIDDEN' });
      assert.equal(records.length, 0);
    });
  }
});

describe('auditedAcross', () => {
  const subject = {
    category: 'PartnerInvitation' as const,
    objectType: 'PartnerInvitation',
    objectId: 'i1',
    operation: 'Update' as const,
  };

  /** The work, how audited() then fails (null: it does not), and its records, one per log. */
  const cases: [string, (trail: AuditTrail) => Promise<void>, object | null, string[][]][] = [
    [
      'When the work names the other party, then one record in each log, the caller first',
      async (trail) => {
        trail.alsoIn('partner');
        trail.alsoIn('cust'); // the caller's own tenant is not recorded twice
      },
      null,
      [
        ['cust', 'Successful', 'cust', ''],
        ['partner', 'Successful', 'cust', ''],
      ],
    ],
    [
      'When the work fails after naming the other party, then Failed records in both logs with the code',
      async (trail) => {
        trail.alsoIn('partner');
        throw conflict('X.CONFLICT', 'no');
      },
      { code: 'X.CONFLICT' },
      [
        ['cust', 'Failed', 'cust', 'X.CONFLICT'],
        ['partner', 'Failed', 'cust', 'X.CONFLICT'],
      ],
    ],
    [
      'When the work fails with an unexpected error, then the record says INTERNAL.ERROR, not the message',
      async () => Promise.reject(new Error('secret')),
      { message: 'secret' },
      [['cust', 'Failed', 'cust', 'INTERNAL.ERROR']],
    ],
  ];
  for (const [when, work, failure, expected] of cases) {
    it(when, async () => {
      const { deps, records } = untouchableDeps();
      const run = auditedAcross(deps.audit, employee, subject, work);
      if (failure) await assert.rejects(run, failure);
      else await run;
      assert.deepEqual(
        records.map((r) => [r.tenantId, r.result, r.actorTenantId, r.detail ?? '']),
        expected
      );
    });
  }
});
