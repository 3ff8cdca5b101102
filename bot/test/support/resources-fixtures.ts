/**
 * Named demo objects and personas for the Pro Management resource tests (rooms, groups, rings,
 * settings). Contoso's rooms follow the site plan of demo-data.ts: 0–5 Seattle and 6–9 New York
 * (group 'US rooms', the scope Contoso gave Fabrikam), 10–12 Paris ('EMEA rooms', outside it).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ids } from '../../src/seed/demo-data.ts';
import { Collections, type AuditDoc } from '../../src/data/collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import type { CallResult, TestApp } from './harness.ts';

export const FAB = ids.tenant('fabrikam');
export const CONTOSO = ids.tenant('contoso');
export const NORTHWIND = ids.tenant('northwind');
export const WOODGROVE = ids.tenant('woodgrove');
export const US_ROOMS = ids.roomGroup('contoso', 'US rooms');
export const EMEA_ROOMS = ids.roomGroup('contoso', 'EMEA rooms');
export const SEATTLE = [0, 1, 2, 3, 4, 5].map((n) => ids.room('contoso', n));
export const NEW_YORK = [6, 7, 8, 9].map((n) => ids.room('contoso', n));
export const PARIS = [10, 11, 12].map((n) => ids.room('contoso', n));
export const US = [...SEATTLE, ...NEW_YORK];
export const GENERAL = ids.ring('contoso', 'general');
export const STAGING = ids.ring('contoso', 'staging');
export const PILOT = ids.ring('contoso', 'pilot');

/**
 * The personas (tenant/user) every resource test uses, and why each exists:
 * contoso/alex GA (everything on Contoso), contoso/isaiah TRPM, contoso/joni Site Lead on the
 * Seattle rooms (granted below), contoso/miriam no role at all, fabrikam/pradeep Primary admin of
 * Contoso (scope 'US rooms'), fabrikam/lee a partner user given a custom role below,
 * fabrikam/megan partner GA (no customer role), woodgrove/wanda GA of a customer without partner.
 */
export const PERSONAS = [
  'contoso/alex',
  'contoso/isaiah',
  'contoso/joni',
  'contoso/miriam',
  'fabrikam/pradeep',
  'fabrikam/lee',
  'fabrikam/megan',
  'fabrikam/diego',
  'woodgrove/wanda',
] as const;
export type Persona = (typeof PERSONAS)[number];

export async function tokensFor(app: TestApp): Promise<Record<Persona, string>> {
  const out = {} as Record<Persona, string>;
  for (const p of PERSONAS) {
    const [t, u] = p.split('/') as [string, string];
    out[p] = await app.tokenFor(t, u);
  }
  return out;
}

/** Joni: Contoso's built-in Site Lead on the Seattle rooms (own-tenant, room-scoped rights). */
export async function grantJoniSiteLead(app: TestApp): Promise<string> {
  const id = randomUUID();
  await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
    _id: id,
    tenantId: CONTOSO,
    partnerTenantId: null,
    roleId: 'builtin:site-lead',
    members: [{ type: 'user', id: ids.user('contoso', 'joni') }],
    scope: { allRooms: false, roomIds: SEATTLE, roomGroupIds: [] },
    notify: false,
    createdAt: new Date(),
    createdBy: ids.user('contoso', 'alex'),
  });
  return id;
}

/**
 * A Fabrikam custom role for Contoso with `permissions`, assigned to one Fabrikam user over
 * `scope` ('US rooms' unless said). Returns the assignment's id.
 */
export async function grantFabrikamRole(
  app: Pick<TestApp, 'store'>,
  userKey: string,
  role: { name: string; description: string; permissions: string[] },
  scope: AssignmentDoc['scope'] = { allRooms: false, roomIds: [], roomGroupIds: [US_ROOMS] }
): Promise<string> {
  const roleId = randomUUID();
  const assignmentId = randomUUID();
  await app.store.collection<RoleDoc>(RoleCollections.roles).insertOne({
    _id: roleId,
    tenantId: CONTOSO,
    partnerTenantId: FAB,
    ...role,
    createdAt: new Date(),
    createdBy: ids.user('fabrikam', 'pradeep'),
  });
  await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
    _id: assignmentId,
    tenantId: CONTOSO,
    partnerTenantId: FAB,
    roleId,
    members: [{ type: 'user', id: ids.user('fabrikam', userKey) }],
    scope,
    notify: false,
    createdAt: new Date(),
    createdBy: ids.user('fabrikam', 'pradeep'),
  });
  return assignmentId;
}

/** Lee: a Fabrikam custom role for Contoso that may onboard and change rooms, on 'US rooms'. */
export const grantLeeOnboarder = (app: TestApp): Promise<string> =>
  grantFabrikamRole(app, 'lee', {
    name: `Onboarder ${randomUUID().slice(0, 8)}`,
    description: 'Onboards rooms for the customer',
    permissions: ['rooms.view', 'rooms.create', 'rooms.modify'],
  });

export function expectError(r: CallResult, status: number, code: string): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.body.code, code, r.text);
}

/** Audit records of one object in one tenant's log. */
export const auditOf = (app: TestApp, tenantId: string, objectId: string) =>
  app.store
    .collection<AuditDoc>(Collections.audit)
    .find({ tenantId, objectId }, { sort: { at: 1 } })
    .toArray();

/** Every item of a cursor-paginated GET, following nextCursor. */
export async function allPages(
  app: TestApp,
  url: string,
  token: string,
  limit = 50
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const r = await app.call(
      'GET',
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token }
    );
    assert.equal(r.status, 200, r.text);
    items.push(...(r.body.items ?? []));
    cursor = r.body.nextCursor as string | undefined;
    if (!cursor) return items;
  }
  throw new Error('pagination did not end');
}
