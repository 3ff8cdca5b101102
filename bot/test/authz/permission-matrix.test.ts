/**
 * The authorization matrix (anchors rule 13): PRODUCT.md §3 written out literally below, checked
 * for every built-in role × every permission × rooms inside and outside each scope, on the
 * partner and on the customer side. Expectations come only from this file, never from
 * permissions.ts, so a wrong built-in role definition fails here.
 */
import assert from 'node:assert/strict';
import { Query } from 'mingo';
import {
  authorize,
  buildGrants,
  customersWith,
  decide,
  grantedPermissions,
  roomFilter,
  roomFilterAcrossCustomers,
  roomResource,
  type AssignmentGrantInput,
  type AuthzResource,
  type Grants,
  type GrantsCaller,
  type GrantsInput,
  type RelationshipGrantInput,
  type RoleGrantInput,
} from '../../src/core/authz/engine.ts';
import { isDomainError } from '../../src/core/errors.ts';
import {
  PERMISSIONS,
  TENANT_LEVEL_PERMISSIONS,
  type Permission,
} from '../../src/core/authz/permissions.ts';
import {
  CONTOSO,
  CUSTOMER_BUILT_INS,
  FABRIKAM,
  NORTHWIND,
  TAILSPIN,
  caller,
  contosoGlobalAdmin,
  contosoInvitedNorthwind,
  contosoRoomsProManager,
  fabrikamGlobalAdmin,
  fullPolicy,
  helpDeskScopedToSeattle,
  helpDeskTechViaNestedGroup,
  northwindBorrower,
  northwindGlobalAdmin,
  northwindTenantManager,
  primaryAdminOfContoso,
  primaryAdminOfContosoViaGroup,
  rooms,
  type RoomFixture,
} from './fixtures.ts';
import { generateWorld } from './generated-world.ts';

// PRODUCT.md §3, verbatim (✔ = granted), with the catalogue id of each row in the last column.
const TABLE = `
| Feature                | Permission               | MMR Admin | Site Lead | Site Tech | Primary admins | id                     |
| Rooms                  | View                     | ✔ | ✔ | ✔ | ✔ | rooms.view             |
|                        | Modify                   | ✔ | ✔ | ✔ | ✔ | rooms.modify           |
|                        | Reset key                | ✔ |   |   |   | rooms.resetKey         |
|                        | Download key             | ✔ | ✔ | ✔ |   | rooms.downloadKey      |
|                        | Unenroll                 | ✔ | ✔ | ✔ |   | rooms.unenroll         |
|                        | Create                   | ✔ | ✔ |   |   | rooms.create           |
| Group management       | View                     | ✔ | ✔ |   | ✔ | roomGroups.view        |
|                        | Modify                   | ✔ | ✔ |   |   | roomGroups.modify      |
|                        | Create                   | ✔ | ✔ |   |   | roomGroups.create      |
| Update ring management | View                     | ✔ | ✔ |   | ✔ | updateRings.view       |
|                        | Modify                   | ✔ | ✔ |   | ✔ | updateRings.modify     |
| Reports                | View                     | ✔ | ✔ |   | ✔ | reports.view           |
|                        | Create customer incident | ✔ | ✔ | ✔ | ✔ | reports.createIncident |
| Ticket management      | View                     | ✔ | ✔ | ✔ | ✔ | tickets.view           |
|                        | Update                   | ✔ | ✔ | ✔ | ✔ | tickets.update         |
| MMR settings           | View                     | ✔ |   |   |   | settings.view          |
|                        | Modify                   | ✔ |   |   |   | settings.modify        |
| Role management        | View                     | ✔ |   |   | ✔ | roles.view             |
|                        | Modify                   | ✔ |   |   | ✔ | roles.modify           |
| Change approval        | Approve                  | ✔ |   |   |   | changes.approve        |
`;

/**
 * Permissions decided per tenant rather than per room ("need an assignment but no room",
 * PRODUCT.md §2). Kept literal here too; a test below pins permissions.ts to it.
 */
const TENANT_LEVEL: readonly string[] = [
  'rooms.create',
  'roomGroups.create',
  'reports.view',
  'settings.view',
  'settings.modify',
  'roles.view',
  'roles.modify',
  'changes.approve',
];

type RoleKey = 'MMR Admin' | 'Site Lead' | 'Site Tech' | 'Primary admins';
const ROLE_COLUMNS: RoleKey[] = ['MMR Admin', 'Site Lead', 'Site Tech', 'Primary admins'];

/** Parses TABLE into permission id → roles that hold it. */
function parseTable(): Map<string, Set<RoleKey>> {
  const out = new Map<string, Set<RoleKey>>();
  const lines = TABLE.trim().split('\n').slice(1);
  for (const line of lines) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const id = cells[6]!;
    const holders = new Set<RoleKey>();
    ROLE_COLUMNS.forEach((role, i) => {
      if (cells[2 + i] === '✔') holders.add(role);
    });
    out.set(id, holders);
  }
  return out;
}
const HOLDERS = parseTable();
const ALL = [...HOLDERS.keys()] as Permission[];
const isTenantLevel = (p: string) => TENANT_LEVEL.includes(p);
/** Rights a partner never holds, whatever role the customer gives it. */
const CUSTOMER_SIDE_ONLY: readonly string[] = ['changes.approve'];

/** A room case: where the room lies relative to the caller's scopes. */
interface RoomCase {
  label: string;
  room: RoomFixture;
  /** Same customer as the grant under test (Contoso). */
  sameCustomer: boolean;
  /** Inside the relationship (invitation) scope; always true on the customer's own side. */
  inRelationship: boolean;
  /** Inside the scope of the assignment granting the role. */
  inAssignment: boolean;
}

/** A room case; the customer under test is always Contoso. */
const at = (
  room: RoomFixture,
  label: string,
  where: { inRelationship: boolean; inAssignment: boolean }
): RoomCase => ({
  label: `${room._id} (${label})`,
  room,
  sameCustomer: room.tenantId === CONTOSO,
  ...where,
});
const IN_BOTH = { inRelationship: true, inAssignment: true };
const IN_NEITHER = { inRelationship: false, inAssignment: false };

/** The rule of PRODUCT.md §2, stated once, independently of the engine's code. */
function expected(role: RoleKey, p: Permission, c: RoomCase | null, partner: boolean): boolean {
  if (!HOLDERS.get(p)!.has(role)) return false;
  // Approving partner changes is the customer's own right: a partner holding the customer's
  // MMR Admin role still never approves (issue #15).
  if (partner && CUSTOMER_SIDE_ONLY.includes(p)) return false;
  if (c === null) return isTenantLevel(p);
  return c.sameCustomer && c.inRelationship && (c.inAssignment || isTenantLevel(p));
}

const grantsOf = (who: GrantsCaller, input: GrantsInput = fullPolicy()): Grants =>
  buildGrants(who, input);
const verdict = (allow: boolean) => (allow ? 'allow' : 'deny');

function matrix(title: string, role: RoleKey, who: GrantsCaller, cases: RoomCase[]) {
  describe(title, () => {
    const grants = grantsOf(who);
    for (const p of ALL) {
      for (const c of cases) {
        const allow = expected(role, p, c, who.tenantId !== CONTOSO);
        it(`When ${role} checks ${p} on ${c.label}, then ${verdict(allow)}`, () => {
          const d = decide(grants, p, roomResource(c.room));
          assert.equal(d.allowed, allow, d.reason);
        });
      }
      const allow = expected(role, p, null, who.tenantId !== CONTOSO);
      it(`When ${role} checks ${p} in Contoso without a room, then ${verdict(allow)}`, () => {
        assert.equal(decide(grants, p, { customerTenantId: CONTOSO }).allowed, allow);
      });
    }
  });
}

const otherCustomerCases: RoomCase[] = [
  at(rooms.fabSeattle1, 'another customer, same group id', IN_BOTH),
  at(rooms.tailspin1, 'customer with a pending invitation', IN_NEITHER),
];

describe('Authorization: the permission table itself', () => {
  it('When the literal table is read, then it lists every catalogue permission exactly once', () => {
    assert.deepEqual([...HOLDERS.keys()].sort(), [...PERMISSIONS].sort());
    assert.equal(TABLE.trim().split('\n').length - 1, PERMISSIONS.length);
  });

  it('When permissions.ts lists tenant-level permissions, then they are exactly the literal ones', () => {
    assert.deepEqual([...TENANT_LEVEL_PERMISSIONS].sort(), [...TENANT_LEVEL].sort());
  });
});

describe('Authorization matrix: partner users holding each built-in role in Contoso', () => {
  for (const r of CUSTOMER_BUILT_INS) {
    // Assigned to Seattle + London; Contoso invited Seattle, Paris and Oslo, not London.
    matrix(`partner ${r.key} (nw-${r.slug})`, r.key, caller(NORTHWIND, `nw-${r.slug}`), [
      at(rooms.seattle1, 'in assignment and invitation scope', IN_BOTH),
      at(rooms.paris1, 'invited, outside the assignment scope', {
        inRelationship: true,
        inAssignment: false,
      }),
      at(rooms.london1, 'in the assignment scope, never invited', {
        inRelationship: false,
        inAssignment: true,
      }),
      ...otherCustomerCases,
    ]);
  }

  // Primary admins' scope is the invitation scope itself.
  const primaryAdminCases: RoomCase[] = [
    at(rooms.seattle2, 'invited via a second group', IN_BOTH),
    at(rooms.oslo1, 'invited by room id', IN_BOTH),
    at(rooms.london1, 'never invited', IN_NEITHER),
    ...otherCustomerCases,
  ];
  const PA = 'Primary admins';
  matrix('primaryAdminOfContoso (named directly)', PA, primaryAdminOfContoso, primaryAdminCases);
  matrix('primaryAdminOfContosoViaGroup', PA, primaryAdminOfContosoViaGroup, primaryAdminCases);
});

describe('Authorization matrix: Contoso users holding each built-in role in Contoso', () => {
  for (const r of CUSTOMER_BUILT_INS) {
    // Assigned to the Seattle group; no relationship scope applies on the own tenant.
    matrix(`customer ${r.key} (ct-${r.slug})`, r.key, caller(CONTOSO, `ct-${r.slug}`), [
      at(rooms.seattle1, 'in assignment scope', IN_BOTH),
      at(rooms.london1, 'outside the assignment scope', {
        inRelationship: true,
        inAssignment: false,
      }),
      ...otherCustomerCases,
    ]);
  }
});

/** Every (permission, fixture room) pair the grants allow, as sorted strings. */
function allowedPairs(grants: Grants): string[] {
  const out: string[] = [];
  for (const p of ALL) {
    for (const r of Object.values(rooms)) {
      if (decide(grants, p, roomResource(r)).allowed) out.push(`${p}@${r._id}`);
    }
  }
  return out.sort();
}

const pairs = (perms: Permission[], rs: RoomFixture[]) =>
  perms.flatMap((p) => rs.map((r) => `${p}@${r._id}`)).sort();

/** The full policy with some documents taken out or changed (revocations, accepts). */
function policyWith(change: {
  relationships?: (r: RelationshipGrantInput) => RelationshipGrantInput | null;
  assignments?: (a: AssignmentGrantInput) => boolean;
  roles?: (r: RoleGrantInput) => boolean;
}): GrantsInput {
  const input = fullPolicy();
  return {
    relationships: input.relationships.flatMap((r) => change.relationships?.(r) ?? []),
    assignments: input.assignments.filter(change.assignments ?? (() => true)),
    roles: input.roles.filter(change.roles ?? (() => true)),
  };
}
const keep = (r: RelationshipGrantInput) => r;

describe('Authorization: groups, custom roles, invalid data', () => {
  it('When a tech is in a group nested inside the assigned group, then the help-desk rights apply in Seattle only', () => {
    const grants = grantsOf(helpDeskTechViaNestedGroup);
    const perms: Permission[] = ['tickets.view', 'tickets.update', 'reports.createIncident'];
    assert.deepEqual(allowedPairs(grants), pairs(perms, [rooms.seattle1, rooms.seattle2]));
    assert.deepEqual(grantedPermissions(grants, CONTOSO).sort(), [...perms].sort());
  });

  it('When the directory no longer lists the parent group, then the nested-group tech gets nothing', () => {
    const tech = caller(NORTHWIND, 'nw-tech-emea', ['grp-nw-helpdesk-emea']);
    assert.deepEqual(allowedPairs(grantsOf(tech)), []);
  });

  it('When a member ref names a group id as a user, then it does not match a caller in that group', () => {
    const asUser: AssignmentGrantInput = {
      ...helpDeskScopedToSeattle,
      id: 'asg-typed-wrong',
      members: [{ type: 'user', id: 'grp-x' }],
    };
    const input = { ...fullPolicy(), assignments: [asUser] };
    assert.deepEqual(allowedPairs(grantsOf(caller(NORTHWIND, 'nw-x', ['grp-x']), input)), []);
  });

  it('When assignments name a foreign role, a customer role or Primary admins, then they grant nothing', () => {
    assert.equal(grantsOf(northwindBorrower).customers.size, 0);
  });

  it('When the same user id appears in another partner’s assignment, then Northwind’s user gains nothing from it', () => {
    // nw-site-tech is also named in Adatum's MMR Admin assignment over all of Contoso.
    const grants = grantsOf(caller(NORTHWIND, 'nw-site-tech'));
    assert.equal(decide(grants, 'rooms.resetKey', roomResource(rooms.seattle1)).allowed, false);
    assert.equal(decide(grants, 'rooms.view', roomResource(rooms.oslo1)).allowed, false);
  });

  it('When Northwind has a relationship with itself in the data, then it is ignored', () => {
    assert.deepEqual([...grantsOf(primaryAdminOfContoso).customers.keys()], [CONTOSO]);
  });
});

describe('Authorization: pending invitations and revocation', () => {
  it('When the invitation is pending, then its Primary admins and assignments grant nothing', () => {
    for (const who of [primaryAdminOfContoso, caller(NORTHWIND, 'nw-site-lead')]) {
      const grants = grantsOf(who);
      for (const p of ALL) {
        assert.equal(decide(grants, p, roomResource(rooms.tailspin1)).allowed, false, p);
        assert.equal(decide(grants, p, { customerTenantId: TAILSPIN }).allowed, false, p);
      }
      assert.ok(!customersWith(grants, 'rooms.view').includes(TAILSPIN));
    }
  });

  it('When the pending invitation is accepted, then the same data starts granting', () => {
    const accepted = policyWith({
      relationships: (r) => (r.customerTenantId === TAILSPIN ? { ...r, state: 'active' } : r),
    });
    const grants = grantsOf(primaryAdminOfContoso, accepted);
    assert.equal(decide(grants, 'rooms.resetKey', roomResource(rooms.tailspin1)).allowed, true);
  });

  it('When the assignment is removed, then the next grants deny', () => {
    const who = caller(NORTHWIND, 'nw-site-lead');
    assert.equal(decide(grantsOf(who), 'rooms.view', roomResource(rooms.seattle1)).allowed, true);
    const revoked = policyWith({
      relationships: keep,
      assignments: (a) => a.id !== 'asg-nw-site-lead',
    });
    assert.deepEqual(allowedPairs(grantsOf(who, revoked)), []);
  });

  it('When the custom role is deleted, then its assignment denies', () => {
    const deleted = policyWith({ relationships: keep, roles: (r) => r.id !== 'role-nw-helpdesk' });
    assert.deepEqual(allowedPairs(grantsOf(helpDeskTechViaNestedGroup, deleted)), []);
  });

  it('When the customer removes the partner, then Primary admins and every assignment deny', () => {
    const removed = policyWith({
      relationships: (r) => (r.id === contosoInvitedNorthwind.id ? null : r),
    });
    const mmrAdmin = caller(NORTHWIND, 'nw-mmr-admin');
    for (const who of [primaryAdminOfContoso, mmrAdmin, helpDeskTechViaNestedGroup]) {
      const grants = grantsOf(who, removed);
      assert.equal(grants.customers.has(CONTOSO), false);
      for (const p of ALL) {
        assert.equal(decide(grants, p, { customerTenantId: CONTOSO }).allowed, false);
        assert.equal(decide(grants, p, roomResource(rooms.seattle1)).allowed, false);
      }
    }
  });

  it('When the customer deletes the Primary admins role, then Primary admins deny but other assignments still apply', () => {
    const deleted = policyWith({
      relationships: (r) =>
        r.id === contosoInvitedNorthwind.id ? { ...r, primaryAdminsRoleDeleted: true } : r,
    });
    assert.deepEqual(allowedPairs(grantsOf(primaryAdminOfContoso, deleted)), []);
    const tech = grantsOf(helpDeskTechViaNestedGroup, deleted);
    assert.equal(decide(tech, 'tickets.update', roomResource(rooms.seattle1)).allowed, true);
  });

  it('When the customer narrows the invitation scope, then rooms leaving it deny at once', () => {
    const narrowed = policyWith({
      relationships: (r) =>
        r.id === contosoInvitedNorthwind.id
          ? { ...r, scope: { allRooms: false, roomIds: ['oslo-1'], roomGroupIds: [] } }
          : r,
    });
    const grants = grantsOf(caller(NORTHWIND, 'nw-mmr-admin'), narrowed);
    // Only Oslo is left: tenant-level rights still reach it, room-level ones need Seattle/London.
    const partnerTenantLevel = TENANT_LEVEL.filter((p) => !CUSTOMER_SIDE_ONLY.includes(p));
    assert.deepEqual(
      allowedPairs(grants),
      pairs(partnerTenantLevel as Permission[], [rooms.oslo1])
    );
    // Oslo ∩ (Seattle ∪ London) is empty, though only the rooms' data can show it.
    const filter = roomFilter(grants, 'rooms.view', CONTOSO);
    assert.ok(filter);
    assert.deepEqual(
      Object.values(rooms).filter((r) => new Query(filter).test(r)),
      []
    );
  });
});

describe('Authorization: tenant administrators', () => {
  const admins = [
    ['Global admin', contosoGlobalAdmin],
    ['Teams Rooms Pro Manager', contosoRoomsProManager],
  ] as const;
  for (const [name, who] of admins) {
    it(`When Contoso's ${name} checks anything in Contoso, then allow (every room, in any scope or none)`, () => {
      const grants = grantsOf(who);
      for (const p of ALL) {
        assert.equal(decide(grants, p, { customerTenantId: CONTOSO }).allowed, isTenantLevel(p), p);
        for (const r of Object.values(rooms)) {
          const allowed = decide(grants, p, roomResource(r)).allowed;
          assert.equal(allowed, r.tenantId === CONTOSO, `${p} ${r._id}`);
        }
      }
      assert.deepEqual(roomFilter(grants, 'rooms.resetKey', CONTOSO), { tenantId: CONTOSO });
    });
  }

  it('When Fabrikam’s Global admin checks Contoso, then deny everything', () => {
    const grants = grantsOf(fabrikamGlobalAdmin);
    for (const p of ALL) {
      assert.equal(decide(grants, p, { customerTenantId: CONTOSO }).allowed, false);
      assert.equal(decide(grants, p, roomResource(rooms.seattle1)).allowed, false);
      assert.equal(roomFilter(grants, p, CONTOSO), null);
      assert.equal(decide(grants, p, roomResource(rooms.fabSeattle1)).allowed, true);
    }
  });

  it('When the partner’s Global admin or a Tenant manager checks a customer, then deny everything', () => {
    for (const who of [northwindGlobalAdmin, northwindTenantManager]) {
      const grants = grantsOf(who);
      for (const p of ALL) {
        for (const customer of [CONTOSO, FABRIKAM, TAILSPIN]) {
          assert.equal(decide(grants, p, { customerTenantId: customer }).allowed, false);
          assert.equal(roomFilter(grants, p, customer), null);
        }
      }
      const own = who === northwindGlobalAdmin ? [NORTHWIND] : [];
      assert.deepEqual(customersWith(grants, 'rooms.view'), own);
    }
  });
});

/**
 * Who may add and remove a customer's Primary admins (PRODUCT.md §4.5–4.6): holders of Role
 * management › Modify for that customer, so the partner routes ask `decide` for exactly that.
 * The partner tenant's own administrators hold it nowhere, whatever their rank at home.
 */
describe('Authorization: changing Primary admins (Role management › Modify in the customer)', () => {
  const northwindRoomsProManager = caller(NORTHWIND, 'nw-trpm', [], { isRoomsProManager: true });
  const rows: [string, GrantsCaller, boolean][] = [
    ['a Primary admin of Contoso (named directly)', primaryAdminOfContoso, true],
    ['a Primary admin of Contoso (through a group)', primaryAdminOfContosoViaGroup, true],
    ['the partner’s Global admin', northwindGlobalAdmin, false],
    ['the partner’s Teams Rooms Pro Manager', northwindRoomsProManager, false],
    ['a partner Tenant manager', northwindTenantManager, false],
    ['a partner help-desk technician', helpDeskTechViaNestedGroup, false],
    ['another partner’s Global admin', fabrikamGlobalAdmin, false],
  ];
  for (const [name, who, allowed] of rows) {
    it(`When ${name} changes Contoso's Primary admins, then ${verdict(allowed)}`, () => {
      const grants = grantsOf(who);
      assert.equal(decide(grants, 'roles.modify', { customerTenantId: CONTOSO }).allowed, allowed);
    });
  }

  it('When the Primary admins role is deleted, then even its former members may not change them', () => {
    const policy = fullPolicy();
    const input = {
      ...policy,
      relationships: policy.relationships.map((r) =>
        r.customerTenantId === CONTOSO ? { ...r, primaryAdminsRoleDeleted: true } : r
      ),
    };
    const grants = grantsOf(primaryAdminOfContoso, input);
    assert.equal(decide(grants, 'roles.modify', { customerTenantId: CONTOSO }).allowed, false);
  });
});

describe('Authorization: filters and customer lists', () => {
  it('When a partner lists rooms, then the filter intersects the invitation scope with the assignment scopes (one id as an equality, several as $in)', () => {
    const grants = grantsOf(caller(NORTHWIND, 'nw-site-tech'));
    assert.deepEqual(roomFilter(grants, 'rooms.view', CONTOSO), {
      tenantId: CONTOSO,
      $and: [
        {
          $or: [{ _id: 'oslo-1' }, { groupIds: { $in: ['grp-paris', 'grp-seattle'] } }],
        },
        { $or: [{ _id: 'london-1' }, { groupIds: 'grp-seattle' }] },
      ],
    });
    assert.equal(roomFilter(grants, 'rooms.resetKey', CONTOSO), null);
    assert.equal(roomFilter(grants, 'rooms.view', FABRIKAM), null);
  });

  it('When the incidents page names its fields differently, then the filter uses them', () => {
    const grants = grantsOf(helpDeskTechViaNestedGroup);
    const fields = { tenantId: 'tenantId', id: 'roomId', groupIds: 'roomGroupIds' };
    assert.deepEqual(roomFilter(grants, 'tickets.view', CONTOSO, fields), {
      tenantId: CONTOSO,
      $and: [
        {
          $or: [{ roomId: 'oslo-1' }, { roomGroupIds: { $in: ['grp-paris', 'grp-seattle'] } }],
        },
        { roomGroupIds: 'grp-seattle' },
      ],
    });
  });

  it('When a Primary admin of Contoso also administers Fabrikam, then customersWith lists each customer by permission', () => {
    const both = policyWith({
      relationships: (r) =>
        r.id === 'rel-fabrikam-northwind'
          ? { ...r, primaryAdmins: [{ type: 'user', id: 'nw-alice' }] }
          : r,
    });
    const grants = grantsOf(primaryAdminOfContoso, both);
    assert.deepEqual(customersWith(grants, 'tickets.view').sort(), [CONTOSO, FABRIKAM].sort());
    assert.deepEqual(customersWith(grants, 'rooms.resetKey'), []);
    assert.deepEqual(roomFilter(grants, 'rooms.view', FABRIKAM), { tenantId: FABRIKAM });
    assert.deepEqual(roomFilterAcrossCustomers(grants, 'rooms.view'), {
      $or: [roomFilter(grants, 'rooms.view', CONTOSO), { tenantId: FABRIKAM }],
    });
  });

  it('When a room-level permission is checked without a room, then deny', () => {
    const grants = grantsOf(primaryAdminOfContoso);
    const tenantOnly: AuthzResource = { customerTenantId: CONTOSO };
    assert.equal(decide(grants, 'rooms.view', tenantOnly).allowed, false);
    assert.equal(decide(grants, 'roles.modify', tenantOnly).allowed, true);
  });

  it('When authorize is denied, then it throws AUTHZ.FORBIDDEN', () => {
    const grants = grantsOf(northwindTenantManager);
    assert.throws(
      () => authorize(grants, 'rooms.view', roomResource(rooms.seattle1)),
      (e: unknown) => isDomainError(e) && e.code === 'AUTHZ.FORBIDDEN'
    );
    const oslo = roomResource(rooms.oslo1);
    const allowed = authorize(grantsOf(primaryAdminOfContoso), 'rooms.view', oslo);
    assert.equal(allowed.reason, 'Primary admins of relationship rel-contoso-northwind');
  });
});

describe('Authorization: roomFilter agrees with decide on generated policies', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`When every caller lists every customer's rooms for every permission (seed ${seed}), then the filter selects exactly the rooms decide allows`, () => {
      const world = generateWorld(seed);
      let allowedCount = 0;
      let deniedCount = 0;
      for (const who of world.callers) {
        const grants = buildGrants(who, world.input);
        for (const p of ALL) {
          const withAnyRoom = new Set<string>();
          for (const customer of world.customers) {
            const filter = roomFilter(grants, p, customer);
            const query = filter && new Query(filter);
            for (const room of world.rooms) {
              const allowed =
                room.tenantId === customer && decide(grants, p, roomResource(room)).allowed;
              const selected = query ? query.test(room) : false;
              const where = `${who.userId} ${p} ${customer} ${room._id} ${JSON.stringify(filter)}`;
              assert.equal(selected, allowed, where);
              if (allowed) withAnyRoom.add(customer);
              if (room.tenantId === customer) {
                if (allowed) allowedCount++;
                else deniedCount++;
              }
            }
          }
          // customersWith lists every customer with an allowed room, and only customers where
          // the caller holds the permission (tenant-level) or has a non-empty filter.
          const listed = new Set(customersWith(grants, p));
          for (const c of withAnyRoom) assert.ok(listed.has(c), `${who.userId} ${p}: ${c} missing`);
          for (const c of listed) {
            const reachable = isTenantLevel(p)
              ? decide(grants, p, { customerTenantId: c }).allowed
              : roomFilter(grants, p, c) !== null;
            assert.ok(reachable, `${who.userId} ${p}: ${c} listed without a right`);
          }
        }
      }
      // The world must exercise both outcomes, or agreement would prove nothing.
      assert.ok(allowedCount > 1000 && deniedCount > 1000, `${allowedCount}/${deniedCount}`);
    });
  }

  it("When the filter across customers is built (seeds 1-6), then it is every customer's roomFilter in one $or, frozen all the way down", () => {
    let ors = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const world = generateWorld(seed);
      for (const who of world.callers) {
        const grants = buildGrants(who, world.input);
        for (const p of ALL) {
          const parts = [...grants.customers.keys()]
            .map((c) => roomFilter(grants, p, c))
            .filter((f) => f !== null);
          const across = roomFilterAcrossCustomers(grants, p);
          const expected =
            parts.length === 0 ? null : parts.length === 1 ? parts[0] : { $or: parts };
          assert.deepEqual(across, expected, `${who.userId} ${p}`);
          if (parts.length > 1) ors++;
          assertDeepFrozen(across, `${who.userId} ${p}`);
          // The same object on the next request of the same caller (the store keeps what it
          // derives from it); roomFilter's own results stay the caller's to change.
          assert.equal(roomFilterAcrossCustomers(grants, p), across);
          for (const f of parts) assert.equal(Object.isFrozen(f), false);
        }
      }
    }
    assert.ok(ors > 10, `${ors} callers with several customers`);
  });
});

/** Every object and array reachable from `v` is frozen. */
function assertDeepFrozen(v: unknown, where: string): void {
  if (v === null || typeof v !== 'object') return;
  assert.ok(Object.isFrozen(v), `${where}: ${JSON.stringify(v)} is not frozen`);
  for (const x of Object.values(v)) assertDeepFrozen(x, where);
}
