/**
 * Random policies for property-style checks (filters vs decisions, loader vs engine). Seeded, so
 * a failure names a reproducible world.
 */
import type { GrantsCaller, GrantsInput } from '../../src/core/authz/engine.ts';
import { PERMISSIONS } from '../../src/core/authz/permissions.ts';
import type { MemberRef } from '../../src/core/directory/directory.port.ts';
import { caller, type RoomFixture } from './fixtures.ts';
import { seededRandom as seeded } from '../support/seeded-random.ts';

export interface GeneratedWorld {
  customers: string[];
  rooms: RoomFixture[];
  input: GrantsInput;
  callers: GrantsCaller[];
}

/**
 * A random policy over three customers and two partners. Room-group ids are shared by every
 * customer, scopes sometimes name rooms of other customers, assignments sometimes use roles of
 * another customer or side, and some relationships are pending: every shortcut an engine could
 * take shows up as a filter/decision disagreement.
 */
export function generateWorld(seed: number): GeneratedWorld {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T>(xs: readonly T[], max: number): T[] => {
    const n = Math.floor(rnd() * (max + 1));
    return [...new Set(Array.from({ length: n }, () => pick(xs)))];
  };
  const customers = ['gen-c1', 'gen-c2', 'gen-c3'];
  const partners = ['gen-p1', 'gen-p2'];
  const groupPool = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
  const worldRooms: RoomFixture[] = customers.flatMap((c) =>
    Array.from({ length: 30 }, (_, i) => ({
      tenantId: c,
      _id: `${c}-r${i}`,
      groupIds: some(groupPool, 2),
    }))
  );
  const roomIdsOf = (c: string) => worldRooms.filter((r) => r.tenantId === c).map((r) => r._id);
  const randomScope = (c: string) => {
    const x = rnd();
    if (x < 0.2) return { allRooms: true, roomIds: [], roomGroupIds: [] };
    if (x < 0.3) return { allRooms: false, roomIds: [], roomGroupIds: [] };
    const foreign = rnd() < 0.2 ? [pick(worldRooms)._id] : [];
    return {
      allRooms: false,
      roomIds: [...some(roomIdsOf(c), 4), ...foreign],
      roomGroupIds: some(groupPool, 2),
    };
  };
  const usersOf = (t: string) => Array.from({ length: 6 }, (_, i) => `${t}-u${i}`);
  const groupsOf = (t: string) => Array.from({ length: 3 }, (_, i) => `${t}-grp${i}`);
  const membersFrom = (t: string) => {
    const pool: MemberRef[] = [
      ...usersOf(t).map((id): MemberRef => ({ type: 'user', id })),
      ...groupsOf(t).map((id): MemberRef => ({ type: 'group', id })),
    ];
    return some(pool, 3);
  };
  const relationships = customers.flatMap((c) =>
    partners
      .filter(() => rnd() < 0.8)
      .map((p) => ({
        id: `rel-${c}-${p}`,
        customerTenantId: c,
        partnerTenantId: p,
        state: rnd() < 0.8 ? ('active' as const) : ('pending' as const),
        scope: randomScope(c),
        primaryAdmins: membersFrom(p),
        primaryAdminsRoleDeleted: rnd() < 0.1,
      }))
  );
  const sides = (c: string) => [null, ...partners].map((p) => ({ c, p }));
  const roles = customers.flatMap((c) =>
    sides(c).flatMap(({ p }) =>
      [0, 1].map((i) => ({
        id: `role-${c}-${p ?? 'own'}-${i}`,
        customerTenantId: c,
        partnerTenantId: p,
        name: `Role ${i}`,
        permissions: some(PERMISSIONS, 8),
      }))
    )
  );
  const builtIns = ['mmr-admin', 'site-lead', 'site-tech', 'primary-admins'].map(
    (r) => `builtin:${r}`
  );
  const roleIds = [...roles.map((r) => r.id), ...builtIns];
  let n = 0;
  const assignments = customers.flatMap((c) =>
    sides(c).flatMap(({ p }) =>
      Array.from({ length: 4 }, () => ({
        id: `asg-${n++}`,
        customerTenantId: c,
        partnerTenantId: p,
        roleId: pick(roleIds),
        members: membersFrom(p ?? (rnd() < 0.9 ? c : pick(partners))),
        scope: randomScope(c),
      }))
    )
  );
  const callers = [...customers, ...partners].flatMap((t) => [
    ...usersOf(t).map((u) => caller(t, u, some(groupsOf(t), 2))),
    caller(t, `${t}-ga`, [], { isGlobalAdmin: rnd() < 0.5, isRoomsProManager: rnd() < 0.5 }),
  ]);
  return { customers, rooms: worldRooms, input: { relationships, roles, assignments }, callers };
}
