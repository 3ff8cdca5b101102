/**
 * The grants loader against the real store (embedded on a temp dir): what it reads must decide
 * exactly like the engine fed with the whole policy, and a revocation in the store must show on
 * the next load.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/types.ts';
import { ensureIndexes } from '../../src/data/indexes.ts';
import {
  AuthzCollections,
  loadGrants,
  loadGrantsMany,
  type AssignmentGrantDoc,
  type RelationshipGrantDoc,
  type RoleGrantDoc,
} from '../../src/data/authz.grants.ts';
import {
  buildGrants,
  decide,
  roomResource,
  type Grants,
  type GrantsCaller,
  type GrantsInput,
} from '../../src/core/authz/engine.ts';
import { PERMISSIONS } from '../../src/core/authz/permissions.ts';
import type { MemberRef } from '../../src/core/directory/directory.port.ts';
import {
  CONTOSO,
  FABRIKAM,
  NORTHWIND,
  caller,
  contosoGlobalAdmin,
  contosoInvitedNorthwind,
  fullPolicy,
  helpDeskScopedToSeattle,
  helpDeskTechViaNestedGroup,
  northwindBorrower,
  northwindTenantManager,
  primaryAdminOfContoso,
  primaryAdminOfContosoViaGroup,
  rooms,
} from './fixtures.ts';
import { generateWorld } from './generated-world.ts';

/** Every (permission, room) and (permission, tenant) decision, as comparable strings. */
function decisions(grants: Grants): string[] {
  const out: string[] = [];
  for (const p of PERMISSIONS) {
    for (const r of Object.values(rooms)) {
      out.push(`${p} ${r._id} ${decide(grants, p, roomResource(r)).allowed}`);
    }
    for (const t of [CONTOSO, FABRIKAM, NORTHWIND]) {
      out.push(`${p} ${t} ${decide(grants, p, { customerTenantId: t }).allowed}`);
    }
  }
  return out;
}

async function seed(store: Store, input: GrantsInput): Promise<void> {
  const rels = store.collection<RelationshipGrantDoc>(AuthzCollections.relationships);
  const roles = store.collection<RoleGrantDoc>(AuthzCollections.roles);
  const asgs = store.collection<AssignmentGrantDoc>(AuthzCollections.assignments);
  if (input.relationships.length > 0)
    await rels.insertMany(
      input.relationships.map((r) => ({
        _id: r.id,
        tenantId: r.customerTenantId,
        partnerTenantId: r.partnerTenantId,
        state: r.state,
        scope: r.scope,
        primaryAdmins: r.primaryAdmins,
        ...(r.primaryAdminsRoleDeleted === undefined
          ? {}
          : { primaryAdminsRoleDeleted: r.primaryAdminsRoleDeleted }),
      }))
    );
  if (input.roles.length > 0)
    await roles.insertMany(
      input.roles.map((r) => ({
        _id: r.id,
        tenantId: r.customerTenantId,
        partnerTenantId: r.partnerTenantId,
        name: r.name,
        permissions: r.permissions,
      }))
    );
  if (input.assignments.length > 0)
    await asgs.insertMany(
      input.assignments.map((a) => ({
        _id: a.id,
        tenantId: a.customerTenantId,
        partnerTenantId: a.partnerTenantId,
        roleId: a.roleId,
        members: a.members,
        scope: a.scope,
      }))
    );
}

describe('Authorization: loading grants from the store', () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-authz-'));
    store = await openStore({ mongodbDb: 'authz', dataDir: dir });
    await ensureIndexes(store);
    await seed(store, fullPolicy());
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const callers: [string, GrantsCaller][] = [
    ['primaryAdminOfContoso', primaryAdminOfContoso],
    ['primaryAdminOfContosoViaGroup', primaryAdminOfContosoViaGroup],
    ['helpDeskTechViaNestedGroup', helpDeskTechViaNestedGroup],
    ['partner Site Lead', caller(NORTHWIND, 'nw-site-lead')],
    ['partner Site Tech (also named by Adatum)', caller(NORTHWIND, 'nw-site-tech')],
    ['northwindBorrower', northwindBorrower],
    ['northwindTenantManager', northwindTenantManager],
    ['customer Site Lead', caller(CONTOSO, 'ct-site-lead')],
    ['contosoGlobalAdmin', contosoGlobalAdmin],
  ];
  for (const [name, who] of callers) {
    it(`When ${name}'s grants are loaded, then they decide exactly like the whole policy`, async () => {
      const loaded = await loadGrants(store, who);
      assert.deepEqual(decisions(loaded), decisions(buildGrants(who, fullPolicy())));
    });
  }

  it('When the load is limited to one customer, then only that customer is granted', async () => {
    const alice: MemberRef = { type: 'user', id: 'nw-alice' };
    const both = fullPolicy().relationships.map((r) =>
      r.customerTenantId === FABRIKAM ? { ...r, primaryAdmins: [...r.primaryAdmins, alice] } : r
    );
    await store.collection(AuthzCollections.relationships).deleteMany({});
    await seed(store, { relationships: both, roles: [], assignments: [] });
    const full = await loadGrants(store, primaryAdminOfContoso);
    assert.deepEqual([...full.customers.keys()].sort(), [CONTOSO, FABRIKAM]);
    const limited = await loadGrants(store, primaryAdminOfContoso, { customerTenantId: FABRIKAM });
    assert.deepEqual([...limited.customers.keys()], [FABRIKAM]);
  });

  it('When the customer deletes the assignment, then the next load denies', async () => {
    const tech = helpDeskTechViaNestedGroup;
    const resource = roomResource(rooms.seattle1);
    assert.equal(decide(await loadGrants(store, tech), 'tickets.update', resource).allowed, true);
    await store
      .collection(AuthzCollections.assignments)
      .deleteOne({ tenantId: CONTOSO, _id: helpDeskScopedToSeattle.id });
    assert.equal(decide(await loadGrants(store, tech), 'tickets.update', resource).allowed, false);
  });

  it('When the customer removes the partner, then the next load denies Primary admins and assignees', async () => {
    await store
      .collection(AuthzCollections.relationships)
      .deleteOne({ tenantId: CONTOSO, _id: contosoInvitedNorthwind.id });
    const mmrAdmin = caller(NORTHWIND, 'nw-mmr-admin');
    for (const who of [primaryAdminOfContoso, helpDeskTechViaNestedGroup, mmrAdmin]) {
      const grants = await loadGrants(store, who);
      assert.equal(grants.customers.has(CONTOSO), false);
    }
  });

  it('When every caller of a generated policy loads grants, then they decide like the whole policy', async () => {
    const world = generateWorld(7);
    await store.dropAll();
    await ensureIndexes(store);
    await seed(store, world.input);
    for (const who of world.callers) {
      const loaded = await loadGrants(store, who);
      const whole = buildGrants(who, world.input);
      for (const p of PERMISSIONS) {
        for (const r of world.rooms) {
          const res = roomResource(r);
          const where = `${who.userId} ${p} ${r._id}`;
          assert.equal(decide(loaded, p, res).allowed, decide(whole, p, res).allowed, where);
        }
      }
    }
  });

  it('When an alert’s audience loads many callers’ grants at once, then each decides exactly like its own load', async () => {
    const world = generateWorld(11);
    await store.dropAll();
    await ensureIndexes(store);
    await seed(store, world.input);
    const everyone = [...world.callers, ...callers.map(([, who]) => who)];
    for (const customer of [...new Set(world.rooms.map((r) => r.tenantId)), CONTOSO, FABRIKAM]) {
      const many = await loadGrantsMany(store, everyone, customer);
      for (const [i, who] of everyone.entries()) {
        const one = await loadGrants(store, who, { customerTenantId: customer });
        assert.deepEqual(many[i], one, `${who.tenantId} ${who.userId} in ${customer}`);
      }
    }
  });
});
