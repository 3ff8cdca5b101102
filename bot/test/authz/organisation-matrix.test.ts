/**
 * The organisation-level rights of PRODUCT.md §1, §4 (who configures tenant managers, sees and
 * decides invitations, sees every customer's metadata, invites partners, reads the audit log,
 * searches the directory, manages Teams Rooms Pro Managers, breaks glass, subscribes the tenant's
 * conversations to alerts; sending signals is the ingest key's alone) as a literal table, checked
 * through the engine's `decide` for every derived role. Expectations come only from the table
 * below, never from the engine's code.
 */
import assert from 'node:assert/strict';
import {
  authorize,
  buildGrants,
  decide,
  grantsFromIdentity,
  ingestKeyGrants,
  NO_GRANTS,
  ownOrganisation,
  withOrganisation,
  type GrantsCaller,
  type GrantsInput,
  type OrganisationFacts,
} from '../../src/core/authz/engine.ts';
import {
  ORGANISATION_PERMISSIONS,
  PERMISSIONS,
  RELATIONSHIP_PERMISSIONS,
  type OrganisationPermission,
} from '../../src/core/authz/permissions.ts';
import { isDomainError } from '../../src/core/errors.ts';
import {
  CONTOSO,
  FABRIKAM,
  NORTHWIND,
  TAILSPIN,
  caller,
  contosoGlobalAdmin,
  contosoRoomsProManager,
  fullPolicy,
  group,
  helpDeskTechViaNestedGroup,
  northwindGlobalAdmin,
  primaryAdminOfContoso,
  primaryAdminOfContosoViaGroup,
  user,
} from './fixtures.ts';

/*
 * Columns: the partner tenant's (Northwind, an eligible partner) Global admin, Teams Rooms Pro
 * Manager, tenant manager (directly, and through a group), a Primary admin of a customer, a
 * help-desk technician and an employee; the customer tenant's (Contoso, not a partner) Global
 * admin, Teams Rooms Pro Manager, an employee holding MMR Admin (Role management › Modify on its
 * own tenant) and an employee without roles.
 */
const TABLE = `
| right                                   | p-GA | p-TRPM | p-TM | p-TM-group | p-PrimaryAdmin | p-tech | p-employee | c-GA | c-TRPM | c-MMR-admin | c-employee |
| partner.access                          | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ |   |   |   |   |
| partner.invitations.decide              | ✔ | ✔ | ✔ | ✔ |   |   |   |   |   |   |   |
| partner.customers.viewAll               | ✔ | ✔ | ✔ | ✔ |   |   |   |   |   |   |   |
| partner.tenantManagers.manage           | ✔ | ✔ |   |   |   |   |   |   |   |   |   |
| partner.primaryAdmins.breakGlass        | ✔ |   |   |   |   |   |   |   |   |   |   |
| customer.partners.manage                | ✔ | ✔ |   |   |   |   |   | ✔ | ✔ |   |   |
| organisation.audit.read                 | ✔ | ✔ |   |   |   |   |   | ✔ | ✔ |   |   |
| organisation.roomsProManagers.view      | ✔ | ✔ |   |   |   |   |   | ✔ | ✔ |   |   |
| organisation.roomsProManagers.manage    | ✔ |   |   |   |   |   |   | ✔ |   |   |   |
| organisation.directory.search           | ✔ | ✔ | ✔ | ✔ | ✔ |   |   | ✔ | ✔ | ✔ |   |
| organisation.conversations.subscribe    | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ |
| organisation.signals.ingest             |   |   |   |   |   |   |   |   |   |   |   |
`;

const northwindRoomsProManager = caller(NORTHWIND, 'nw-trpm', [], { isRoomsProManager: true });
const northwindTenantManager = caller(NORTHWIND, 'nw-tm');
const northwindTenantManagerViaGroup = caller(NORTHWIND, 'nw-tm-2', ['grp-nw-tenant-managers']);
const northwindEmployee = caller(NORTHWIND, 'nw-employee');
const contosoMmrAdmin = caller(CONTOSO, 'ct-mmr-admin');
const contosoEmployee = caller(CONTOSO, 'ct-employee');

/** Northwind is an eligible partner with one tenant manager user and one group. */
const NORTHWIND_FACTS: OrganisationFacts = {
  eligiblePartner: true,
  tenantManagers: [user('nw-tm'), group('grp-nw-tenant-managers')],
};
/** Contoso is a customer only. */
const CONTOSO_FACTS: OrganisationFacts = { eligiblePartner: false, tenantManagers: [] };

const COLUMNS: Record<string, GrantsCaller> = {
  'p-GA': northwindGlobalAdmin,
  'p-TRPM': northwindRoomsProManager,
  'p-TM': northwindTenantManager,
  'p-TM-group': northwindTenantManagerViaGroup,
  'p-PrimaryAdmin': primaryAdminOfContoso,
  'p-tech': helpDeskTechViaNestedGroup,
  'p-employee': northwindEmployee,
  'c-GA': contosoGlobalAdmin,
  'c-TRPM': contosoRoomsProManager,
  'c-MMR-admin': contosoMmrAdmin,
  'c-employee': contosoEmployee,
};

function parseTable(): { columns: string[]; rows: Map<string, Set<string>> } {
  const [head, ...lines] = TABLE.trim().split('\n');
  const columns = head!
    .split('|')
    .slice(2, -1)
    .map((c) => c.trim());
  const rows = new Map<string, Set<string>>();
  for (const line of lines) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    rows.set(cells[0]!, new Set(columns.filter((_, i) => cells[1 + i] === '✔')));
  }
  return { columns, rows };
}
const { columns, rows } = parseTable();

const factsOf = (who: GrantsCaller) =>
  who.tenantId === NORTHWIND ? NORTHWIND_FACTS : CONTOSO_FACTS;
const grantsOf = (who: GrantsCaller, input: GrantsInput = fullPolicy()) =>
  buildGrants(who, { ...input, organisation: factsOf(who) });

describe('Authorization: the organisation-level table itself', () => {
  it('When the literal table is read, then it lists every organisation right exactly once and every column has a caller', () => {
    assert.deepEqual([...rows.keys()].sort(), [...ORGANISATION_PERMISSIONS].sort());
    assert.deepEqual(columns.sort(), Object.keys(COLUMNS).sort());
  });
});

describe('Authorization matrix: organisation-level rights by derived role', () => {
  for (const [right, holders] of rows) {
    for (const column of columns) {
      const allow = holders.has(column);
      it(`When ${column} checks ${right} in their own tenant, then ${allow ? 'allow' : 'deny'}`, () => {
        const who = COLUMNS[column]!;
        const d = decide(grantsOf(who), right as OrganisationPermission, ownOrganisation(who));
        assert.equal(d.allowed, allow, d.reason);
      });
    }
  }
});

describe('Authorization: organisation rights, edges', () => {
  it('When anyone checks an organisation right in another tenant, then deny', () => {
    for (const who of Object.values(COLUMNS)) {
      const other = who.tenantId === NORTHWIND ? CONTOSO : NORTHWIND;
      const grants = grantsOf(who);
      for (const p of ORGANISATION_PERMISSIONS) {
        assert.equal(
          decide(grants, p, { customerTenantId: other }).allowed,
          false,
          `${who.userId} ${p}`
        );
      }
    }
  });

  it('When a customer’s admin asks for a partner-side right, then the denial says PARTNER.NOT_ELIGIBLE', () => {
    const grants = grantsOf(contosoGlobalAdmin);
    assert.equal(
      decide(grants, 'partner.invitations.decide', ownOrganisation(contosoGlobalAdmin)).code,
      'PARTNER.NOT_ELIGIBLE'
    );
    assert.throws(
      () => authorize(grants, 'partner.access', ownOrganisation(contosoGlobalAdmin)),
      (e: unknown) =>
        isDomainError(e) && e.code === 'PARTNER.NOT_ELIGIBLE' && e.kind === 'forbidden'
    );
    const employee = grantsOf(northwindEmployee);
    assert.throws(
      () => authorize(employee, 'partner.invitations.decide', ownOrganisation(northwindEmployee)),
      (e: unknown) => isDomainError(e) && e.code === 'AUTHZ.FORBIDDEN'
    );
  });

  it('When grants are built without organisation facts, then no partner-side right is held (default deny)', () => {
    const grants = buildGrants(northwindGlobalAdmin, fullPolicy());
    assert.equal(
      decide(grants, 'partner.access', ownOrganisation(northwindGlobalAdmin)).allowed,
      false
    );
    assert.equal(
      decide(grants, 'organisation.audit.read', ownOrganisation(northwindGlobalAdmin)).allowed,
      true
    );
    const applied = withOrganisation(grants, northwindGlobalAdmin, NORTHWIND_FACTS);
    assert.equal(
      decide(applied, 'partner.access', ownOrganisation(northwindGlobalAdmin)).allowed,
      true
    );
    // Facts apply to the caller the grants were built for only.
    const foreign = withOrganisation(grants, northwindRoomsProManager, NORTHWIND_FACTS);
    assert.equal(
      decide(foreign, 'partner.access', ownOrganisation(northwindGlobalAdmin)).allowed,
      false
    );
  });

  it('When a Primary admin’s only right is through a group, or the role is deleted, then directory search follows Role management › Modify', () => {
    assert.equal(
      decide(
        grantsOf(primaryAdminOfContosoViaGroup),
        'organisation.directory.search',
        ownOrganisation(primaryAdminOfContosoViaGroup)
      ).allowed,
      true
    );
    const policy = fullPolicy();
    const deleted = {
      ...policy,
      relationships: policy.relationships.map((r) =>
        r.customerTenantId === CONTOSO ? { ...r, primaryAdminsRoleDeleted: true } : r
      ),
    };
    assert.equal(
      decide(
        grantsOf(primaryAdminOfContoso, deleted),
        'organisation.directory.search',
        ownOrganisation(primaryAdminOfContoso)
      ).allowed,
      false
    );
  });

  it('When a tenant manager’s tenant is no longer an eligible partner, then they hold only what every user holds', () => {
    const grants = buildGrants(northwindTenantManager, {
      ...fullPolicy(),
      organisation: { ...NORTHWIND_FACTS, eligiblePartner: false },
    });
    const everyUser = new Set(
      [...rows].filter(([, holders]) => holders.size === columns.length).map(([right]) => right)
    );
    for (const p of ORGANISATION_PERMISSIONS) {
      const d = decide(grants, p, ownOrganisation(northwindTenantManager));
      assert.equal(d.allowed, everyUser.has(p), p);
    }
  });

  it('When a user manages alert subscriptions of a conversation, then only one of its own tenant may (from the identity alone)', () => {
    for (const who of Object.values(COLUMNS)) {
      const other = who.tenantId === NORTHWIND ? CONTOSO : NORTHWIND;
      const grants = grantsFromIdentity(who);
      const subscribe = 'organisation.conversations.subscribe';
      assert.equal(decide(grants, subscribe, ownOrganisation(who)).allowed, true, who.userId);
      assert.equal(decide(grants, subscribe, { customerTenantId: other }).allowed, false);
      assert.equal(decide(NO_GRANTS, subscribe, ownOrganisation(who)).allowed, false);
    }
  });

  it('When a tenant’s signal ingest key sends signals, then only for its own tenant, and it holds nothing else', () => {
    const key = ingestKeyGrants(CONTOSO, 'signal-ingest');
    assert.equal(
      decide(key, 'organisation.signals.ingest', { customerTenantId: CONTOSO }).allowed,
      true
    );
    assert.equal(
      decide(key, 'organisation.signals.ingest', { customerTenantId: FABRIKAM }).allowed,
      false
    );
    for (const p of ORGANISATION_PERMISSIONS.filter((p) => p !== 'organisation.signals.ingest')) {
      assert.equal(decide(key, p, { customerTenantId: CONTOSO }).allowed, false, p);
    }
    for (const p of PERMISSIONS) {
      const room = { id: 'r', groupIds: [] };
      assert.equal(decide(key, p, { customerTenantId: CONTOSO, room }).allowed, false, p);
    }
  });

  it('When an organisation right is checked on a room, or an unknown right is named, then deny', () => {
    const grants = grantsOf(contosoGlobalAdmin);
    assert.equal(
      decide(grants, 'organisation.audit.read', {
        customerTenantId: CONTOSO,
        room: { id: 'r', groupIds: [] },
      }).allowed,
      false
    );
    assert.equal(
      decide(
        grants,
        'organisation.everything' as OrganisationPermission,
        ownOrganisation(contosoGlobalAdmin)
      ).allowed,
      false
    );
  });
});

describe('Authorization: removing a customer and naming its scope (its Primary admins only, PRODUCT.md §4.5)', () => {
  const nwMmrAdmin = caller(NORTHWIND, 'nw-mmr-admin');
  const rows: [string, GrantsCaller, string, boolean][] = [
    ['a Primary admin of Contoso (directly)', primaryAdminOfContoso, CONTOSO, true],
    ['a Primary admin of Contoso (through a group)', primaryAdminOfContosoViaGroup, CONTOSO, true],
    ['a Primary admin of Contoso, for another customer', primaryAdminOfContoso, FABRIKAM, false],
    [
      'a Primary admin of Contoso, for a customer whose invitation is pending',
      primaryAdminOfContoso,
      TAILSPIN,
      false,
    ],
    ['a partner user holding MMR Admin in Contoso (every permission)', nwMmrAdmin, CONTOSO, false],
    ['a partner help-desk technician', helpDeskTechViaNestedGroup, CONTOSO, false],
    ['the partner’s Global admin', northwindGlobalAdmin, CONTOSO, false],
    [
      'Contoso’s own Global admin (its own tenant is no partner customer)',
      contosoGlobalAdmin,
      CONTOSO,
      false,
    ],
  ];
  for (const [name, who, customer, allowed] of rows) {
    for (const right of RELATIONSHIP_PERMISSIONS) {
      it(`When ${name} checks ${right}, then ${allowed ? 'allow' : 'deny'}`, () => {
        const d = decide(grantsOf(who), right, { customerTenantId: customer });
        assert.equal(d.allowed, allowed, d.reason);
      });
    }
  }

  it('When the customer deleted the Primary admins role, then its former members may not remove it', () => {
    const policy = fullPolicy();
    const deleted = {
      ...policy,
      relationships: policy.relationships.map((r) =>
        r.customerTenantId === CONTOSO ? { ...r, primaryAdminsRoleDeleted: true } : r
      ),
    };
    assert.equal(
      decide(grantsOf(primaryAdminOfContoso, deleted), 'partner.customer.offboard', {
        customerTenantId: CONTOSO,
      }).allowed,
      false
    );
  });
});
