/**
 * Who may decide, see and end a partner's change requests and elevations in a customer (README,
 * "The customer stays in control"; PRODUCT.md §1, §5): the engine's change-control rights as a
 * literal table, checked through `decide` for every kind of caller. A cell says what the caller
 * gets: ✔ allowed, 403 refused (they stand in the customer and learn the object exists), 404
 * refused as nonexistent (they stand outside it). Expectations come only from the table.
 */
import assert from 'node:assert/strict';
import {
  buildGrants,
  decide,
  type AuthzResource,
  type GrantsCaller,
} from '../../src/core/authz/engine.ts';
import {
  CHANGE_CONTROL_PERMISSIONS,
  type ChangeControlPermission,
} from '../../src/core/authz/permissions.ts';
import {
  ADATUM,
  CONTOSO,
  NORTHWIND,
  caller,
  contosoGlobalAdmin,
  contosoRoomsProManager,
  fabrikamGlobalAdmin,
  fullPolicy,
  helpDeskTechViaNestedGroup,
  northwindBorrower,
  northwindGlobalAdmin,
  primaryAdminOfContoso,
} from './fixtures.ts';

/*
 * Rows: a right on an object of Contoso. "every partner's" names no owner (a list); the others
 * name the partner whose object it is and, for an elevation, the partner user who asked for it.
 * Columns: Contoso's Global admin, Teams Rooms Pro Manager, an employee holding MMR Admin (which
 * carries changes.approve), one holding Site Lead (which does not) and one without roles;
 * Northwind's Primary admin of Contoso (nw-alice), its help-desk technician (a right in Contoso
 * through nested groups), a user named only in assignments that grant nothing, and its Global
 * admin (no right in Contoso); Adatum's Primary admin of Contoso; Fabrikam's Global admin.
 */
const TABLE = `
| right                | object                          | c-GA | c-TRPM | c-MMR-admin | c-site-lead | c-employee | nw-primary | nw-tech | nw-borrower | nw-GA | ad-primary | fab-GA |
| changes.decide       | every partner's                 | ✔ | ✔ | ✔ | 403 | 403 | 404 | 404 | 404 | 404 | 404 | 404 |
| changes.decide       | Northwind's                     | ✔ | ✔ | ✔ | 403 | 403 | 404 | 404 | 404 | 404 | 404 | 404 |
| changes.view         | every partner's                 | ✔ | ✔ | ✔ | 403 | 403 | 404 | 404 | 404 | 404 | 404 | 404 |
| changes.view         | Northwind's                     | ✔ | ✔ | ✔ | 403 | 403 | ✔   | ✔   | 404 | 404 | 404 | 404 |
| changes.view         | Adatum's                        | ✔ | ✔ | ✔ | 403 | 403 | 404 | 404 | 404 | 404 | ✔   | 404 |
| changes.endElevation | Northwind's, asked by nw-tech   | ✔ | ✔ | ✔ | 403 | 403 | 404 | ✔   | 404 | 404 | 404 | 404 |
| changes.endElevation | Northwind's, asked by nw-alice  | ✔ | ✔ | ✔ | 403 | 403 | ✔   | 404 | 404 | 404 | 404 | 404 |
| changes.endElevation | Adatum's, asked by nw-alice     | ✔ | ✔ | ✔ | 403 | 403 | 404 | 404 | 404 | 404 | ✔   | 404 |
`;

/** The objects the rows name; the requester ids are the callers' below. */
const OBJECTS: Record<string, AuthzResource> = {
  "every partner's": { customerTenantId: CONTOSO },
  "Northwind's": { customerTenantId: CONTOSO, owner: { tenantId: NORTHWIND } },
  "Adatum's": { customerTenantId: CONTOSO, owner: { tenantId: ADATUM } },
  "Northwind's, asked by nw-tech": {
    customerTenantId: CONTOSO,
    owner: { tenantId: NORTHWIND, userId: helpDeskTechViaNestedGroup.userId },
  },
  "Northwind's, asked by nw-alice": {
    customerTenantId: CONTOSO,
    owner: { tenantId: NORTHWIND, userId: primaryAdminOfContoso.userId },
  },
  /** The same user id in another partner tenant: a different person. */
  "Adatum's, asked by nw-alice": {
    customerTenantId: CONTOSO,
    owner: { tenantId: ADATUM, userId: 'nw-alice' },
  },
};

const COLUMNS: Record<string, GrantsCaller> = {
  'c-GA': contosoGlobalAdmin,
  'c-TRPM': contosoRoomsProManager,
  /** Holds MMR Admin through customerBuiltInAssignments (Seattle only: the right is tenant-level). */
  'c-MMR-admin': caller(CONTOSO, 'ct-mmr-admin'),
  /** Holds Site Lead, which does not carry changes.approve. */
  'c-site-lead': caller(CONTOSO, 'ct-site-lead'),
  'c-employee': caller(CONTOSO, 'ct-employee'),
  'nw-primary': primaryAdminOfContoso,
  'nw-tech': helpDeskTechViaNestedGroup,
  'nw-borrower': northwindBorrower,
  'nw-GA': northwindGlobalAdmin,
  /** Adatum's relationship with Contoso names a user 'nw-alice' of Adatum as Primary admin. */
  'ad-primary': caller(ADATUM, 'nw-alice'),
  'fab-GA': fabrikamGlobalAdmin,
};

interface Row {
  right: ChangeControlPermission;
  object: string;
  cells: Map<string, string>;
}

function parseTable(): { columns: string[]; rows: Row[] } {
  const [head, ...lines] = TABLE.trim().split('\n');
  const columns = head!
    .split('|')
    .slice(3, -1)
    .map((c) => c.trim());
  const rows = lines.map((line): Row => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    return {
      right: cells[0] as ChangeControlPermission,
      object: cells[1]!,
      cells: new Map(columns.map((c, i) => [c, cells[2 + i]!])),
    };
  });
  return { columns, rows };
}
const { columns, rows } = parseTable();

/** What a decision shows the caller, in the table's words. */
const outcome = (d: { allowed: boolean; hidden?: boolean }) =>
  d.allowed ? '✔' : d.hidden ? '404' : '403';

const grantsOf = (who: GrantsCaller) => buildGrants(who, fullPolicy());

describe('Authorization: the change-control table itself', () => {
  it('When the literal table is read, then it covers every change-control right, names known objects and has a caller for every column', () => {
    assert.deepEqual(
      [...new Set(rows.map((r) => r.right))].sort(),
      [...CHANGE_CONTROL_PERMISSIONS].sort()
    );
    for (const r of rows) assert.ok(OBJECTS[r.object], r.object);
    assert.deepEqual([...columns].sort(), Object.keys(COLUMNS).sort());
  });
});

describe('Authorization matrix: change requests and elevations by caller', () => {
  for (const row of rows) {
    for (const column of columns) {
      const expected = row.cells.get(column)!;
      it(`When ${column} checks ${row.right} on ${row.object} request, then ${expected}`, () => {
        const d = decide(grantsOf(COLUMNS[column]!), row.right, OBJECTS[row.object]!);
        assert.equal(outcome(d), expected, d.reason);
      });
    }
  }
});

describe('Authorization: change-control rights, edges', () => {
  it('When a partner user who lost every right in the customer ends the elevation they asked for, then allow (ending only narrows access)', () => {
    const d = decide(grantsOf(northwindBorrower), 'changes.endElevation', {
      customerTenantId: CONTOSO,
      owner: { tenantId: NORTHWIND, userId: northwindBorrower.userId },
    });
    assert.equal(d.allowed, true, d.reason);
  });

  it('When a change-control right is checked on a room, then deny, even for an approver', () => {
    for (const right of CHANGE_CONTROL_PERMISSIONS) {
      const d = decide(grantsOf(contosoGlobalAdmin), right, {
        customerTenantId: CONTOSO,
        room: { id: 'seattle-1', groupIds: ['grp-seattle'] },
      });
      assert.equal(d.allowed, false, right);
    }
  });

  it('When a partner role carries changes.approve, then its holders still decide nothing (customer side only)', () => {
    // Northwind's MMR Admin in Contoso holds every catalogue permission but changes.approve.
    const d = decide(grantsOf(caller(NORTHWIND, 'nw-mmr-admin')), 'changes.decide', {
      customerTenantId: CONTOSO,
    });
    assert.equal(outcome(d), '404', d.reason);
  });
});
