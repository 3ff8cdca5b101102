/**
 * Authorization benchmark: one policy (1,000 customers, 5,000 partner users in nested groups,
 * custom roles, per-customer relationship scopes), decided side by side by our engine,
 * @casl/ability, node-casbin and a plain in-memory index (the floor), plus the per-request cost
 * of loading a caller's grants from the embedded store versus an in-memory Map. Every engine
 * must agree with ours on every check; disagreements are printed and make the run exit non-zero.
 * No timing thresholds: the numbers are for reading.
 *
 * Run alone: `node --import tsx bot/bench/authz.bench.ts [--checks=N] [--casbin-checks=N]`,
 * or `npm run bench -- authz`. About 2.5 minutes on 2 cores, most of it casbin's 2,000 checks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createMongoAbility,
  type MongoAbility,
  type MongoQuery,
  type RawRuleOf,
} from '@casl/ability';
import { newEnforcer, newModelFromString, StringAdapter, Util, type Enforcer } from 'casbin';
import {
  buildGrants,
  decide,
  type AssignmentGrantInput,
  type Grants,
  type GrantsCaller,
  type GrantsInput,
  type RelationshipGrantInput,
  type RoleGrantInput,
  type RoomRef,
} from '../src/core/authz/engine.ts';
import {
  BUILT_IN_ROLES,
  PERMISSIONS,
  TENANT_LEVEL_PERMISSIONS,
  type BuiltInRole,
  type Permission,
} from '../src/core/authz/permissions.ts';
import type { RoomScope } from '../src/core/partners/model.ts';
import type { MemberRef } from '../src/core/directory/directory.port.ts';
import type { Store } from '../src/store/types.ts';
import type { openStore as OpenStore } from '../src/store/open-store.ts';
import { ensureIndexes } from '../src/data/indexes.ts';
import { trackChanges } from '../src/data/change-tracking.ts';
import {
  AuthzCollections,
  GrantsCache,
  loadGrants,
  type AssignmentGrantDoc,
  type RelationshipGrantDoc,
  type RoleGrantDoc,
} from '../src/data/authz.grants.ts';
import { seededRandom as seeded } from '../test/support/seeded-random.ts';

const SIZE = {
  customers: 1_000,
  partners: 10,
  usersPerPartner: 500,
  groupsPerPartner: 40,
  roomsPerCustomer: 20,
  roomGroupsPerCustomer: 5,
  checks: 100_000,
  casbinChecks: 2_000,
  loads: 400,
};

type Log = (line: string) => void;

/** A room document as the rooms collection stores it. */
interface Room {
  tenantId: string;
  _id: string;
  groupIds: string[];
}

interface Partner {
  id: string;
  users: string[];
  /** Transitive groups of each user (what the directory would report). */
  groupsOf: Map<string, string[]>;
  /** Direct memberships, [user or group, parent group] (casbin's role graph). */
  directParents: [string, string][];
  /** Groups that assignments name. */
  teamGroups: string[];
}

interface Policy {
  customers: string[];
  roomsOf: Map<string, Room[]>;
  partners: Partner[];
  input: GrantsInput;
  callers: GrantsCaller[];
  /** What the loader would return for one caller, from in-memory indexes. */
  inputFor: (caller: GrantsCaller) => GrantsInput;
}

interface Check {
  caller: number;
  permission: Permission;
  room: Room;
  ref: RoomRef;
}

/** Timed loops add their results here, so the optimiser cannot drop the work being timed. */
const sink = { n: 0 };

const rnd = seeded(20_260_104);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(rnd() * (max - min + 1));
  return [...new Set(Array.from({ length: n }, () => pick(xs)))];
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const CUSTOMER_BUILT_INS = new Map<string, BuiltInRole>(
  BUILT_IN_ROLES.filter((r) => r.side === 'customer').map((r) => [r.id, r])
);
const CUSTOMER_ROLE_IDS = [...CUSTOMER_BUILT_INS.keys()];
const PRIMARY_ADMINS = BUILT_IN_ROLES.find((r) => r.side === 'partner')!;

// ---- the policy ---------------------------------------------------------------------------

function buildPartner(p: number): Partner {
  const id = `partner-${p}`;
  const groups = Array.from({ length: SIZE.groupsPerPartner }, (_, i) => `${id}-grp${pad(i, 2)}`);
  // Groups nest in a tree (group i inside group (i-1)/4), so memberships are transitive.
  const parentOf = new Map<string, string>();
  groups.forEach((g, i) => i > 0 && parentOf.set(g, groups[Math.floor((i - 1) / 4)]!));
  const users = Array.from({ length: SIZE.usersPerPartner }, (_, i) => `${id}-user${pad(i, 3)}`);
  const groupsOf = new Map<string, string[]>();
  const directParents: [string, string][] = [...parentOf.entries()];
  for (const u of users) {
    const direct = some(groups, 1, 2);
    const all = new Set<string>();
    for (const g of direct) {
      directParents.push([u, g]);
      for (let hop: string | undefined = g; hop; hop = parentOf.get(hop)) all.add(hop);
    }
    groupsOf.set(u, [...all]);
  }
  // Assignments name team groups (the lower levels), not the all-staff groups at the top.
  return { id, users, groupsOf, directParents, teamGroups: groups.slice(5) };
}

function buildPolicy(): Policy {
  const customers = Array.from({ length: SIZE.customers }, (_, i) => `cust-${pad(i, 4)}`);
  const roomsOf = new Map<string, Room[]>();
  const groupIdsOf = new Map<string, string[]>();
  for (const c of customers) {
    const groups = Array.from({ length: SIZE.roomGroupsPerCustomer }, (_, i) => `${c}-rg${i}`);
    groupIdsOf.set(c, groups);
    const rooms = Array.from({ length: SIZE.roomsPerCustomer }, (_, i) => ({
      tenantId: c,
      _id: `${c}-room${pad(i, 2)}`,
      groupIds: some(groups, 0, 2),
    }));
    roomsOf.set(c, rooms);
  }
  const randomScope = (c: string, allShare: number): RoomScope =>
    rnd() < allShare
      ? { allRooms: true, roomIds: [], roomGroupIds: [] }
      : {
          allRooms: false,
          roomIds: some(roomsOf.get(c)!, 0, 3).map((r) => r._id),
          roomGroupIds: some(groupIdsOf.get(c)!, 1, 2),
        };
  const partners = Array.from({ length: SIZE.partners }, (_, p) => buildPartner(p));
  const membersOf = (p: Partner): MemberRef[] => [
    ...some(p.users, 0, 2).map((id): MemberRef => ({ type: 'user', id })),
    ...some(p.teamGroups, 0, 2).map((id): MemberRef => ({ type: 'group', id })),
  ];

  const relationships: RelationshipGrantInput[] = [];
  const roles: RoleGrantInput[] = [];
  const assignments: AssignmentGrantInput[] = [];
  for (const c of customers) {
    for (const p of some(partners, 1, 2)) {
      relationships.push({
        id: `rel-${c}-${p.id}`,
        customerTenantId: c,
        partnerTenantId: p.id,
        state: rnd() < 0.95 ? 'active' : 'pending',
        scope: randomScope(c, 0.3),
        primaryAdmins: [...membersOf(p), { type: 'user', id: pick(p.users) }],
        primaryAdminsRoleDeleted: rnd() < 0.05,
      });
      const custom = [0, 1].map((i): RoleGrantInput => ({
        id: `role-${c}-${p.id}-${i}`,
        customerTenantId: c,
        partnerTenantId: p.id,
        name: i === 0 ? 'Help desk' : 'Operations',
        permissions: some(PERMISSIONS, 2, 8),
      }));
      roles.push(...custom);
      const count = 3 + Math.floor(rnd() * 3);
      for (let i = 0; i < count; i++) {
        assignments.push({
          id: `asg-${c}-${p.id}-${i}`,
          customerTenantId: c,
          partnerTenantId: p.id,
          roleId: rnd() < 0.6 ? pick(custom).id : pick(CUSTOMER_ROLE_IDS),
          members: membersOf(p),
          scope: randomScope(c, 0.2),
        });
      }
    }
  }
  const callers = partners.flatMap((p) =>
    p.users.map((u): GrantsCaller => ({
      tenantId: p.id,
      userId: u,
      groupIds: new Set(p.groupsOf.get(u)),
      isGlobalAdmin: false,
      isRoomsProManager: false,
    }))
  );
  const input = { relationships, roles, assignments };
  return { customers, roomsOf, partners, input, callers, inputFor: inputIndex(input) };
}

/** What the loader would return for one caller, from in-memory indexes of the policy. */
function inputIndex(policy: GrantsInput): (caller: GrantsCaller) => GrantsInput {
  const relsByPartner = new Map<string, RelationshipGrantInput[]>();
  for (const r of policy.relationships) pushTo(relsByPartner, r.partnerTenantId, r);
  const asgByMember = new Map<string, AssignmentGrantInput[]>();
  for (const a of policy.assignments) for (const m of a.members) pushTo(asgByMember, m.id, a);
  const roleById = new Map(policy.roles.map((r) => [r.id, r]));
  return (caller) => {
    const ids = [caller.userId, ...caller.groupIds];
    const assignments = [...new Set(ids.flatMap((id) => asgByMember.get(id) ?? []))];
    const roles = assignments.flatMap((a) => roleById.get(a.roleId) ?? []);
    return { relationships: relsByPartner.get(caller.tenantId) ?? [], roles, assignments };
  };
}

/**
 * Random checks: 75% on rooms of customers where the user holds something, 20% on other
 * customers of the user's partner, 5% anywhere; uniform over permissions.
 */
function buildChecks(policy: Policy, grants: Grants[]): Check[] {
  const allRooms = [...policy.roomsOf.values()].flat();
  const served = new Map<string, string[]>();
  for (const r of policy.input.relationships) pushTo(served, r.partnerTenantId, r.customerTenantId);
  return Array.from({ length: SIZE.checks }, (): Check => {
    const caller = Math.floor(rnd() * policy.callers.length);
    const held = [...grants[caller]!.customers.keys()];
    const x = rnd();
    const customer =
      x < 0.75 && held.length > 0
        ? pick(held)
        : x < 0.95
          ? pick(served.get(policy.callers[caller]!.tenantId)!)
          : undefined;
    const room = customer ? pick(policy.roomsOf.get(customer)!) : pick(allRooms);
    const ref = { id: room._id, groupIds: room.groupIds };
    return { caller, permission: pick(PERMISSIONS), room, ref };
  });
}

/** One source of rights of a partner user, derived from the raw policy (not by our engine). */
interface RawEntry {
  customer: string;
  permissions: readonly string[];
  scope: RoomScope;
  boundary: RoomScope;
}

function rawEntries(caller: GrantsCaller, input: GrantsInput): RawEntry[] {
  const ids = new Set([caller.userId, ...caller.groupIds]);
  const named = (members: readonly MemberRef[]) => members.some((m) => ids.has(m.id));
  const active = new Map(
    input.relationships
      .filter((r) => r.state === 'active' && r.partnerTenantId === caller.tenantId)
      .map((r) => [r.customerTenantId, r])
  );
  const roleById = new Map(input.roles.map((r) => [r.id, r]));
  const out: RawEntry[] = [];
  for (const r of active.values()) {
    if (r.primaryAdminsRoleDeleted || !named(r.primaryAdmins)) continue;
    const permissions = PRIMARY_ADMINS.permissions;
    out.push({ customer: r.customerTenantId, permissions, scope: r.scope, boundary: r.scope });
  }
  for (const a of input.assignments) {
    const rel = active.get(a.customerTenantId);
    if (!rel || a.partnerTenantId !== caller.tenantId || !named(a.members)) continue;
    const custom = roleById.get(a.roleId);
    const sameOwner =
      custom?.customerTenantId === a.customerTenantId &&
      custom?.partnerTenantId === a.partnerTenantId;
    const permissions =
      CUSTOMER_BUILT_INS.get(a.roleId)?.permissions ?? (sameOwner ? custom!.permissions : []);
    out.push({ customer: a.customerTenantId, permissions, scope: a.scope, boundary: rel.scope });
  }
  return out;
}

// ---- CASL ---------------------------------------------------------------------------------

type AppAbility = MongoAbility<[Permission, 'Room' | Room]>;

/**
 * One CASL ability per user, written the way CASL intends. CASL's default MongoDB matcher has no
 * top-level `$or`/`$and`, so each assignment scope becomes one `can` rule per part (rooms by id,
 * rooms by group; several rules are an OR), and the relationship scope becomes one `cannot` rule
 * per customer for rooms outside it (`$nin` on both fields), which CASL applies before the
 * earlier `can` rules. Tenant-level permissions get a `can` on the whole customer, still fenced
 * by the `cannot`.
 */
function caslAbility(entries: RawEntry[]): AppAbility {
  const rules: RawRuleOf<AppAbility>[] = [];
  const boundaries = new Map<string, RoomScope>();
  for (const e of entries) {
    boundaries.set(e.customer, e.boundary);
    const tenant: MongoQuery = { tenantId: e.customer };
    const parts: MongoQuery[] = [];
    if (e.scope.allRooms) parts.push(tenant);
    if (!e.scope.allRooms && e.scope.roomIds.length > 0) {
      parts.push({ ...tenant, _id: { $in: e.scope.roomIds } });
    }
    if (!e.scope.allRooms && e.scope.roomGroupIds.length > 0) {
      parts.push({ ...tenant, groupIds: { $in: e.scope.roomGroupIds } });
    }
    for (const p of e.permissions) {
      if (!(PERMISSIONS as readonly string[]).includes(p)) continue;
      const action = p as Permission;
      const granted = TENANT_LEVEL_PERMISSIONS.has(action) ? [tenant] : parts;
      for (const conditions of granted) rules.push({ action, subject: 'Room', conditions });
    }
  }
  for (const [customer, b] of boundaries) {
    if (b.allRooms) continue;
    const conditions: MongoQuery = { tenantId: customer };
    if (b.roomIds.length) conditions._id = { $nin: b.roomIds };
    if (b.roomGroupIds.length) conditions.groupIds = { $nin: b.roomGroupIds };
    rules.push({ action: [...PERMISSIONS], subject: 'Room', inverted: true, conditions });
  }
  return createMongoAbility<AppAbility>(rules, { detectSubjectType: () => 'Room' });
}

// ---- casbin -------------------------------------------------------------------------------

/**
 * RBAC with domains (domain = customer). Users and groups reach an assignment through `g`
 * (group links in domain '*' apply in every customer); rooms reach room groups, assignment
 * scopes and relationship scopes through `g2`; permissions reach roles through `g3`, and
 * tenant-level permissions also reach the pseudo-role `tenant-level`. One policy line per
 * assignment (and per Primary admins assignment); the cheap domain comparison comes first so
 * lines of other customers stop there.
 */
const CASBIN_MATCHER = [
  'r.dom == p.dom',
  'g(r.sub, p.sub, r.dom)',
  'g3(r.act, p.role)',
  'g2(r.obj, p.rel)',
  '(g2(r.obj, p.obj) || g3(r.act, "tenant-level"))',
].join(' && ');

const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, role, rel

[role_definition]
g = _, _, _
g2 = _, _
g3 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = ${CASBIN_MATCHER}
`;

async function casbinEnforcer(policy: Policy): Promise<Enforcer> {
  const lines: string[] = [];
  const scopeObject = (owner: string, c: string, s: RoomScope): string => {
    if (s.allRooms) return `all:${c}`;
    for (const x of [...s.roomIds, ...s.roomGroupIds]) lines.push(`g2, ${x}, ${owner}`);
    return owner;
  };
  for (const [c, rooms] of policy.roomsOf) {
    for (const r of rooms) {
      lines.push(`g2, ${r._id}, all:${c}`);
      for (const g of r.groupIds) lines.push(`g2, ${r._id}, ${g}`);
    }
  }
  for (const p of policy.partners) {
    for (const [child, parent] of p.directParents) lines.push(`g, ${child}, ${parent}, *`);
  }
  for (const r of [...BUILT_IN_ROLES, ...policy.input.roles]) {
    for (const p of r.permissions) lines.push(`g3, ${p}, role:${r.id}`);
  }
  for (const p of TENANT_LEVEL_PERMISSIONS) lines.push(`g3, ${p}, tenant-level`);

  const relObject = new Map<string, string>();
  for (const r of policy.input.relationships) {
    if (r.state !== 'active') continue;
    const c = r.customerTenantId;
    const rel = scopeObject(`rel:${r.id}`, c, r.scope);
    relObject.set(`${c}|${r.partnerTenantId}`, rel);
    if (r.primaryAdminsRoleDeleted) continue;
    lines.push(`p, pa:${r.id}, ${c}, ${rel}, role:${PRIMARY_ADMINS.id}, ${rel}`);
    for (const m of r.primaryAdmins) lines.push(`g, ${m.id}, pa:${r.id}, ${c}`);
  }
  const roleById = new Map(policy.input.roles.map((r) => [r.id, r]));
  for (const a of policy.input.assignments) {
    const c = a.customerTenantId;
    const rel = relObject.get(`${c}|${a.partnerTenantId}`);
    const role = roleById.get(a.roleId);
    const validRole =
      CUSTOMER_BUILT_INS.has(a.roleId) ||
      (role?.customerTenantId === c && role.partnerTenantId === a.partnerTenantId);
    if (!rel || !validRole) continue;
    const obj = scopeObject(`scope:${a.id}`, c, a.scope);
    lines.push(`p, asg:${a.id}, ${c}, ${obj}, role:${a.roleId}, ${rel}`);
    for (const m of a.members) lines.push(`g, ${m.id}, asg:${a.id}, ${c}`);
  }
  const adapter = new StringAdapter(lines.join('\n'));
  const enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL), adapter);
  await enforcer.addNamedDomainMatchingFunc('g', Util.keyMatchFunc);
  return enforcer;
}

// ---- the floor ----------------------------------------------------------------------------

interface FloorScope {
  all: boolean;
  ids: Set<string>;
  groups: Set<string>;
}
interface FloorCustomer {
  boundary: FloorScope;
  /** Per permission index: the granting scopes, 'tenant' for tenant-level, or nothing. */
  byPermission: (FloorScope[] | 'tenant' | undefined)[];
}
const PERMISSION_INDEX = new Map(PERMISSIONS.map((p, i) => [p as string, i]));
const toFloorScope = (s: RoomScope): FloorScope => ({
  all: s.allRooms,
  ids: new Set(s.roomIds),
  groups: new Set(s.roomGroupIds),
});

/** The same grants, pre-split per customer and permission: nothing left but Set probes. */
function floorIndex(entries: RawEntry[]): Map<string, FloorCustomer> {
  const out = new Map<string, FloorCustomer>();
  for (const e of entries) {
    let fc = out.get(e.customer);
    if (!fc) out.set(e.customer, (fc = { boundary: toFloorScope(e.boundary), byPermission: [] }));
    for (const p of e.permissions) {
      const i = PERMISSION_INDEX.get(p);
      if (i === undefined) continue;
      const list = fc.byPermission[i];
      if (TENANT_LEVEL_PERMISSIONS.has(p as Permission)) fc.byPermission[i] = 'tenant';
      else if (list === undefined) fc.byPermission[i] = [toFloorScope(e.scope)];
      else if (list !== 'tenant') list.push(toFloorScope(e.scope));
    }
  }
  return out;
}

const inFloor = (s: FloorScope, room: RoomRef) =>
  s.all || s.ids.has(room.id) || room.groupIds.some((g) => s.groups.has(g));

function floorDecide(
  index: Map<string, FloorCustomer>,
  p: Permission,
  customer: string,
  room: RoomRef
): boolean {
  const fc = index.get(customer);
  if (!fc) return false;
  const grant = fc.byPermission[PERMISSION_INDEX.get(p)!];
  if (grant === undefined || !inFloor(fc.boundary, room)) return false;
  return grant === 'tenant' || grant.some((s) => inFloor(s, room));
}

// ---- measuring ----------------------------------------------------------------------------

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median per-operation time (ns) of `op` over `count` items, timed in batches of `batch`. */
function timeBatches(count: number, batch: number, op: (i: number) => void): number {
  const samples: number[] = [];
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    const t0 = process.hrtime.bigint();
    for (let i = start; i < end; i++) op(i);
    samples.push(Number(process.hrtime.bigint() - t0) / (end - start));
  }
  return median(samples);
}

/** Median time (ns) of one awaited operation. */
async function timeEachAsync(count: number, op: (i: number) => Promise<void>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  return median(samples);
}

const fmt = (ns: number): string => {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e8 ? 0 : 1)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(ns >= 1e5 ? 0 : 1)} µs`;
  return `${ns.toFixed(0)} ns`;
};
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 100 ? 0 : 1)}x`;
const seconds = (t0: bigint) => `${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;

/** Frees the previous phase's garbage so it does not bill the next phase's timings. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? () => (gc as () => void)() : () => undefined;
})();

/**
 * Check indexes ordered by caller, as a request decides for one caller whose grants are hot in
 * the cache; random order over 5,000 users mostly measures cache misses.
 */
const byCaller = (checks: Check[]) =>
  checks.map((_, i) => i).sort((a, b) => checks[a]!.caller - checks[b]!.caller || a - b);
const inOrder = (checks: Check[]) => checks.map((_, i) => i);
const resourceOf = (c: Check) => ({ customerTenantId: c.room.tenantId, room: c.ref });

/** Per-decision medians of ours and of the floor, and the floor's disagreements with ours. */
function benchOurs(policy: Policy, grants: Grants[], checks: Check[], ours: boolean[]) {
  const floors = policy.callers.map((c) => floorIndex(rawEntries(c, policy.inputFor(c))));
  let disagree = 0;
  checks.forEach((c, i) => {
    if (floorDecide(floors[c.caller]!, c.permission, c.room.tenantId, c.ref) !== ours[i]) {
      disagree++;
    }
  });
  const time = (order: number[]) => ({
    ours: timeBatches(order.length, 1_000, (k) => {
      const c = checks[order[k]!]!;
      if (decide(grants[c.caller]!, c.permission, resourceOf(c)).allowed) sink.n++;
    }),
    floor: timeBatches(order.length, 1_000, (k) => {
      const c = checks[order[k]!]!;
      if (floorDecide(floors[c.caller]!, c.permission, c.room.tenantId, c.ref)) sink.n++;
    }),
  });
  return { grouped: time(byCaller(checks)), random: time(inOrder(checks)), disagree };
}

/** CASL: one ability built and cached per user, then the same checks. */
function benchCasl(policy: Policy, checks: Check[], ours: boolean[], log: Log) {
  const t0 = process.hrtime.bigint();
  const abilities = policy.callers.map((c) => caslAbility(rawEntries(c, policy.inputFor(c))));
  const rules = abilities.map((a) => a.rules.length);
  log(
    `CASL: ${abilities.length} abilities, ${rules.reduce((a, b) => a + b, 0)} rules ` +
      `(median ${median(rules)} per user), built in ${seconds(t0)}`
  );
  let disagree = 0;
  checks.forEach((c, i) => {
    if (abilities[c.caller]!.can(c.permission, c.room) === ours[i]) return;
    if (disagree++ < 3) {
      const who = policy.callers[c.caller]!.userId;
      log(`  CASL disagrees: ${who} ${c.permission} ${c.room._id}: ours says ${ours[i]}`);
    }
  });
  const time = (order: number[]) =>
    timeBatches(order.length, 1_000, (k) => {
      const c = checks[order[k]!]!;
      if (abilities[c.caller]!.can(c.permission, c.room)) sink.n++;
    });
  return { grouped: time(byCaller(checks)), random: time(inOrder(checks)), disagree };
}

/** casbin: one enforcer for the whole policy, the first `casbinChecks` checks timed one by one. */
async function benchCasbin(policy: Policy, checks: Check[], ours: boolean[], log: Log) {
  let t0 = process.hrtime.bigint();
  const enforcer = await casbinEnforcer(policy);
  const lines = (await enforcer.getPolicy()).length;
  log(`casbin: enforcer with ${lines} policy lines built in ${seconds(t0)}`);
  t0 = process.hrtime.bigint();
  const times: number[] = [];
  let disagree = 0;
  const n = Math.min(SIZE.casbinChecks, checks.length);
  for (let i = 0; i < n; i++) {
    const c = checks[i]!;
    const who = policy.callers[c.caller]!.userId;
    const start = process.hrtime.bigint();
    const allowed = enforcer.enforceSync(who, c.room.tenantId, c.room._id, c.permission);
    times.push(Number(process.hrtime.bigint() - start));
    if (allowed !== ours[i] && disagree++ < 3) {
      log(`  casbin disagrees: ${who} ${c.permission} ${c.room._id}: ours says ${ours[i]}`);
    }
  }
  log(`casbin: ${n} checks in ${seconds(t0)}`);
  return { ns: median(times), disagree, checked: n };
}

/** Writes the policy's documents the way the partners feature stores them. */
async function seedStore(store: Store, input: GrantsInput): Promise<void> {
  const inChunks = async <T>(docs: T[], write: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < docs.length; i += 2_000) await write(docs.slice(i, i + 2_000));
  };
  const rels = store.collection<RelationshipGrantDoc>(AuthzCollections.relationships);
  const roles = store.collection<RoleGrantDoc>(AuthzCollections.roles);
  const asgs = store.collection<AssignmentGrantDoc>(AuthzCollections.assignments);
  const relDocs = input.relationships.map((r): RelationshipGrantDoc => ({
    _id: r.id,
    tenantId: r.customerTenantId,
    partnerTenantId: r.partnerTenantId,
    state: r.state,
    scope: r.scope,
    primaryAdmins: r.primaryAdmins,
    primaryAdminsRoleDeleted: r.primaryAdminsRoleDeleted === true,
  }));
  const roleDocs = input.roles.map((r): RoleGrantDoc => ({
    _id: r.id,
    tenantId: r.customerTenantId,
    partnerTenantId: r.partnerTenantId,
    name: r.name,
    permissions: r.permissions,
  }));
  const asgDocs = input.assignments.map((a): AssignmentGrantDoc => ({
    _id: a.id,
    tenantId: a.customerTenantId,
    partnerTenantId: a.partnerTenantId,
    roleId: a.roleId,
    members: a.members,
    scope: a.scope,
  }));
  await inChunks(relDocs, (part) => rels.insertMany(part));
  await inChunks(roleDocs, (part) => roles.insertMany(part));
  await inChunks(asgDocs, (part) => asgs.insertMany(part));
}

/** Polls for the embedded store's entry point (another engineer is finishing it). */
async function importOpenStore(log: Log): Promise<typeof OpenStore | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      return (await import('../src/store/open-store.ts')).openStore;
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      if (attempt === 0) log(`  waiting for bot/src/store/open-store.ts (${why})`);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }
  return null;
}

/** Loading grants per request: the embedded store on a temp dir vs a Map of loaded grants. */
async function benchLoading(policy: Policy, grants: Grants[], checks: Check[], log: Log) {
  const openStore = await importOpenStore(log);
  if (!openStore) {
    log('grants load: skipped, bot/src/store/open-store.ts is not available');
    return { disagree: 0 };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'rph-authz-bench-'));
  const store = await openStore({ mongodbDb: 'authz_bench', dataDir: dir });
  try {
    const t0 = process.hrtime.bigint();
    await ensureIndexes(store);
    await seedStore(store, policy.input);
    const { relationships, roles, assignments } = policy.input;
    const docs = relationships.length + roles.length + assignments.length;
    log(`store: ${docs} documents seeded in ${seconds(t0)} (embedded, temp dir)`);
    const users = policy.callers.length;
    const sample = Array.from({ length: SIZE.loads }, () => Math.floor(rnd() * users));

    // The loaded grants must decide exactly like the ones built from the whole policy.
    let disagree = 0;
    let compared = 0;
    for (const k of sample.slice(0, 100)) {
      const loaded = await loadGrants(store, policy.callers[k]!);
      for (const c of checks.slice(0, 2_000)) {
        compared++;
        const res = resourceOf(c);
        const expected = decide(grants[k]!, c.permission, res).allowed;
        if (decide(loaded, c.permission, res).allowed !== expected) disagree++;
      }
    }

    const storeNs = await timeEachAsync(sample.length, async (k) => {
      sink.n += (await loadGrants(store, policy.callers[sample[k]!]!)).customers.size;
    });
    const oneCustomerNs = await timeEachAsync(sample.length, async (k) => {
      const customerTenantId = grants[sample[k]!]!.customers.keys().next().value;
      const g = await loadGrants(store, policy.callers[sample[k]!]!, { customerTenantId });
      sink.n += g.customers.size;
    });
    // The service's path: GrantsCache over the change-tracked store, nothing written meanwhile
    // (the first round fills it; the timed round is served from it). Must decide the same.
    const cache = new GrantsCache(trackChanges(store));
    for (const k of sample) await cache.load(policy.callers[k]!);
    const cachedNs = await timeEachAsync(sample.length, async (k) => {
      sink.n += (await cache.load(policy.callers[sample[k]!]!)).customers.size;
    });
    for (const k of sample.slice(0, 100)) {
      const cached = await cache.load(policy.callers[k]!);
      for (const c of checks.slice(0, 500)) {
        compared++;
        const res = resourceOf(c);
        if (
          decide(cached, c.permission, res).allowed !==
          decide(grants[k]!, c.permission, res).allowed
        )
          disagree++;
      }
    }
    const inputs = sample.map((k) => policy.inputFor(policy.callers[k]!));
    const buildNs = timeBatches(sample.length, 20, (k) => {
      sink.n += buildGrants(policy.callers[sample[k]!]!, inputs[k]!).customers.size;
    });
    const byUser = new Map(policy.callers.map((c, i) => [c.userId, grants[i]!]));
    const mapNs = timeBatches(checks.length, 1_000, (i) => {
      sink.n += byUser.get(policy.callers[checks[i]!.caller]!.userId)!.customers.size;
    });
    log(
      `grants load per request: store ${fmt(storeNs)} (one customer only ${fmt(oneCustomerNs)}), ` +
        `Map ${fmt(mapNs)} (store = ${ratio(storeNs, mapNs)} Map); of the store's time, building ` +
        `the grants from documents already in memory takes ${fmt(buildNs)}; cached (GrantsCache, ` +
        `nothing written since) ${fmt(cachedNs)} (${ratio(cachedNs, mapNs)} Map)`
    );
    log(`grants load agreement: ${disagree} disagreements of ${compared} decisions`);
    return { disagree };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Smaller runs for a quick look (`--checks=N --casbin-checks=N` when run directly). */
export interface AuthzBenchOptions {
  checks?: number;
  casbinChecks?: number;
}

/** Builds the policy, checks agreement, and prints medians and ratios. */
export async function runAuthzBench(log: Log, options: AuthzBenchOptions = {}): Promise<void> {
  SIZE.checks = options.checks ?? SIZE.checks;
  SIZE.casbinChecks = options.casbinChecks ?? SIZE.casbinChecks;
  const tAll = process.hrtime.bigint();
  const t0 = process.hrtime.bigint();
  const policy = buildPolicy();
  const grants = policy.callers.map((c) => buildGrants(c, policy.inputFor(c)));
  const perUser = grants.map((g) => g.customers.size);
  const { relationships, roles, assignments } = policy.input;
  log(
    `policy: ${policy.customers.length} customers, ${policy.callers.length} partner users in ` +
      `${SIZE.partners} partners, ${relationships.length} relationships, ${roles.length} custom ` +
      `roles, ${assignments.length} assignments; median ${median(perUser)} customers per user ` +
      `(max ${Math.max(...perUser)}); built with everyone's grants in ${seconds(t0)}`
  );
  const checks = buildChecks(policy, grants);
  const ours = checks.map((c) => decide(grants[c.caller]!, c.permission, resourceOf(c)).allowed);
  log(`checks: ${checks.length}, ${percent(ours.filter(Boolean).length, ours.length)} allowed`);

  const o = benchOurs(policy, grants, checks, ours);
  collectGarbage();
  const casl = benchCasl(policy, checks, ours, log);
  collectGarbage();
  const casbin = await benchCasbin(policy, checks, ours, log);
  collectGarbage();
  log(
    `decision (checks grouped by caller, as in a request): ours ${fmt(o.grouped.ours)}, ` +
      `CASL ${fmt(casl.grouped)} (${ratio(casl.grouped, o.grouped.ours)}), ` +
      `casbin ${fmt(casbin.ns)} (${ratio(casbin.ns, o.grouped.ours)}), ` +
      `floor ${fmt(o.grouped.floor)} (ours = ${ratio(o.grouped.ours, o.grouped.floor)} floor)`
  );
  log(
    `decision (random order over all users, cold caches): ours ${fmt(o.random.ours)}, ` +
      `CASL ${fmt(casl.random)} (${ratio(casl.random, o.random.ours)}), ` +
      `floor ${fmt(o.random.floor)} (ours = ${ratio(o.random.ours, o.random.floor)} floor)`
  );
  log(
    `decision agreement with ours: CASL ${casl.disagree} disagreements of ${checks.length}, ` +
      `casbin ${casbin.disagree} of ${casbin.checked}, floor ${o.disagree} of ${checks.length}`
  );
  const loading = await benchLoading(policy, grants, checks, log);

  const disagreements = casl.disagree + casbin.disagree + o.disagree + loading.disagree;
  log(`authz bench: ${disagreements} disagreements, ${seconds(tAll)} in all`);
  if (disagreements > 0) {
    log('FAIL: the engines disagree');
    process.exitCode = 1;
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const flag = (name: string) => {
    const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
    return arg === undefined ? undefined : Number(arg.slice(name.length + 3));
  };
  await runAuthzBench((line) => process.stdout.write(`${line}\n`), {
    checks: flag('checks'),
    casbinChecks: flag('casbin-checks'),
  });
}
