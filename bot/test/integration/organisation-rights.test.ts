/**
 * The organisation-level rights of PRODUCT.md §1, §4 over HTTP, every demo persona against the
 * routes that read them: the partner inbox, tenant managers, the Tenants list, the customer's
 * invitations, the audit log, Teams Rooms Pro Managers and directory search. The engine decides
 * each (bot/test/authz/organisation-matrix.test.ts checks the same rights row by row); this
 * table, written from the spec, checks the routes ask the right question.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';

/** 200, or the 403 code. */
type Cell = 200 | 'AUTHZ.FORBIDDEN' | 'PARTNER.NOT_ELIGIBLE';
const OK = 200;
const NO: Cell = 'AUTHZ.FORBIDDEN';
const NP: Cell = 'PARTNER.NOT_ELIGIBLE';

const PEOPLE = [
  'fabrikam/megan', // partner Global admin
  'fabrikam/adele', // partner Teams Rooms Pro Manager
  'fabrikam/lee', // tenant manager
  'fabrikam/lynne', // tenant manager through a group
  'fabrikam/pradeep', // Primary admin of Contoso (Role management › Modify there)
  'fabrikam/diego', // help-desk technician
  'fabrikam/nestor', // employee without roles
  'contoso/alex', // customer Global admin
  'contoso/isaiah', // customer Teams Rooms Pro Manager
  'contoso/miriam', // customer employee
] as const;

//                                                           megan adele lee lynne pradeep diego nestor alex isaiah miriam
const ROWS: [string, string, Cell[]][] = [
  [
    'partner.invitations.decide',
    '/api/partner/invitations',
    [OK, OK, OK, OK, NO, NO, NO, NP, NP, NP],
  ],
  [
    'partner.access (+ viewAll)',
    '/api/partner/customers',
    [OK, OK, OK, OK, OK, OK, OK, NP, NP, NP],
  ],
  [
    'partner.tenantManagers.manage',
    '/api/partner/tenant-managers',
    [OK, OK, NO, NO, NO, NO, NO, NP, NP, NO],
  ],
  [
    'customer.partners.manage',
    '/api/customer/invitations',
    [OK, OK, NO, NO, NO, NO, NO, OK, OK, NO],
  ],
  ['customer.partners.manage', '/api/customer/partners', [OK, OK, NO, NO, NO, NO, NO, OK, OK, NO]],
  ['organisation.audit.read', '/api/audit', [OK, OK, NO, NO, NO, NO, NO, OK, OK, NO]],
  [
    'organisation.roomsProManagers.view',
    '/api/rooms-pro-managers',
    [OK, OK, NO, NO, NO, NO, NO, OK, OK, NO],
  ],
  [
    'organisation.directory.search',
    '/api/directory/search?q=a',
    [OK, OK, OK, OK, OK, NO, NO, OK, OK, NO],
  ],
];

describe('Organisation-level rights over HTTP (every persona × every route that reads one)', function () {
  let app: TestApp;
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    for (const p of PEOPLE) {
      const [tenant, u] = p.split('/') as [string, string];
      t[p] = await app.tokenFor(tenant, u);
    }
  });
  after(() => app.close());

  for (const [right, path, cells] of ROWS) {
    it(`When each persona calls GET ${path} (${right}), then the table's answer`, async () => {
      const got: (number | string)[] = [];
      for (const who of PEOPLE) {
        const r = await app.call('GET', path, { token: t[who] });
        got.push(
          r.status === 200 ? 200 : r.status === 403 ? String(r.body.code) : `${r.status} ${r.text}`
        );
      }
      assert.deepEqual(
        Object.fromEntries(PEOPLE.map((p, i) => [p, got[i]])),
        Object.fromEntries(PEOPLE.map((p, i) => [p, cells[i]]))
      );
    });
  }

  it('When /api/me is asked, then the partner standing follows the same rights', async () => {
    const standing: Record<string, [boolean, boolean]> = {};
    for (const who of PEOPLE) {
      const r = await app.call('GET', '/api/me', { token: t[who] });
      standing[who] = [r.body.isEligiblePartner as boolean, r.body.handlesInvitations as boolean];
    }
    assert.deepEqual(standing, {
      'fabrikam/megan': [true, true],
      'fabrikam/adele': [true, true],
      'fabrikam/lee': [true, true],
      'fabrikam/lynne': [true, true],
      'fabrikam/pradeep': [true, false],
      'fabrikam/diego': [true, false],
      'fabrikam/nestor': [true, false],
      'contoso/alex': [false, false],
      'contoso/isaiah': [false, false],
      'contoso/miriam': [false, false],
    });
  });
});
