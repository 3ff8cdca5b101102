/**
 * The steps of role and assignment changes (side-changes.ts), whatever the storage: a change is
 * stored through commit() with its audit records or refused; when its one write stores nothing
 * (the assignment's custom role deleted meanwhile, the assignment gone), the caller gets the
 * matching error and the logs a Failed record only.
 */
import assert from 'node:assert/strict';
import type { Caller } from '../identity/caller.ts';
import type { AuditEntry, AuditRecord } from '../audit/audit.ts';
import { grantsFromIdentity } from '../authz/engine.ts';
import type { Assignment, Role } from '../partners/model.ts';
import type { RolesDeps } from './roles.ports.ts';
import { createAssignment, deleteAssignment, updateAssignment } from './assignments.use-cases.ts';
import { createOnSide } from './side-changes.ts';
import { DomainError } from '../errors.ts';

const TENANT = 'cust';
const admin: Caller = {
  principal: { tenantId: TENANT, userId: 'ga', wids: [] },
  tenantId: TENANT,
  userId: 'ga',
  groupIds: new Set(),
  isGlobalAdmin: true,
  isRoomsProManager: false,
};
const NOW = new Date('2026-06-01T00:00:00Z');

const role: Role = {
  id: 'r1',
  customerTenantId: TENANT,
  partnerTenantId: null,
  name: 'Viewers',
  description: '',
  permissions: ['rooms.view'],
  createdAt: NOW,
  createdBy: 'someone',
};
const assignment: Assignment = {
  id: 'a1',
  customerTenantId: TENANT,
  partnerTenantId: null,
  roleId: 'r1',
  members: [{ type: 'user', id: 'u1' }],
  scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
  notify: false,
  createdAt: NOW,
  createdBy: 'someone',
};

/**
 * The role is there when checked; the assignment writes store nothing (as when the role is
 * deleted between the checks and the write). `assignmentThere`: what a read after that answers.
 */
function deps(assignmentThere: boolean) {
  const entries: AuditEntry[] = [];
  const stored: (readonly AuditRecord[])[] = [];
  const d = {
    roles: { get: async () => role },
    assignments: {
      get: async () => (assignmentThere ? assignment : null),
      insert: async (_a: Assignment, audit: readonly AuditRecord[]) => {
        stored.push(audit);
        return false;
      },
      update: async () => null,
      delete: async () => false,
    },
    directory: {
      getUser: async (_t: string, id: string) => ({ id, displayName: id }),
      getGroup: async () => null,
    },
    audit: {
      record: async (e: AuditEntry) => void entries.push(e),
      recordAll: async (es: readonly AuditEntry[]) => void entries.push(...es),
      prepare: async (es: readonly AuditEntry[]) =>
        es.map((e, i): AuditRecord => ({ ...e, id: `rec-${i}`, at: NOW })),
    },
    grantsFor: async (c: Caller) => grantsFromIdentity(c),
    now: () => NOW,
    newId: () => 'new-id',
  } as unknown as RolesDeps;
  return { deps: d, entries, stored };
}

const code = (expected: string) => (e: unknown) => e instanceof DomainError && e.code === expected;

const results = (entries: AuditEntry[]) =>
  entries.map((e) => `${e.tenantId} ${e.result} ${e.objectType} ${e.operation} ${e.detail ?? ''}`);

describe('Role and assignment changes: one write with the audit records, or refused', () => {
  it('When the custom role is deleted between the checks and the write of a new assignment, then 400 ASSIGNMENT.ROLE_INVALID and only a Failed record', async () => {
    const { deps: d, entries, stored } = deps(false);
    const input = {
      roleId: 'r1',
      members: [{ type: 'user' as const, id: 'u1' }],
      scope: { allRooms: true as const },
    };
    await assert.rejects(
      createAssignment(admin, TENANT, input, d),
      code('ASSIGNMENT.ROLE_INVALID')
    );
    // The write was handed the Successful record, and stored none of it.
    assert.equal(stored.length, 1);
    assert.deepEqual(
      stored[0]!.map((r) => r.result),
      ['Successful']
    );
    assert.deepEqual(results(entries), [
      `${TENANT} Failed Assignment Create ASSIGNMENT.ROLE_INVALID`,
    ]);
  });

  it('When an update stores nothing, then 400 ASSIGNMENT.ROLE_INVALID while the assignment is there, else 404 ASSIGNMENT.NOT_FOUND', async () => {
    const there = deps(true);
    await assert.rejects(
      updateAssignment(admin, TENANT, 'a1', { roleId: 'r1' }, there.deps),
      code('ASSIGNMENT.ROLE_INVALID')
    );
    assert.deepEqual(results(there.entries), [
      `${TENANT} Failed Assignment Update ASSIGNMENT.ROLE_INVALID`,
    ]);
    const gone = deps(false);
    await assert.rejects(
      deleteAssignment(admin, TENANT, 'a1', gone.deps),
      code('ASSIGNMENT.NOT_FOUND')
    );
    assert.deepEqual(results(gone.entries), [
      `${TENANT} Failed Assignment Delete ASSIGNMENT.NOT_FOUND`,
    ]);
  });

  it('When a change would return without committing its write, then it fails and nothing is recorded as done', async () => {
    const { deps: d, entries } = deps(true);
    const careless = createOnSide('Role', async () => 'done');
    await assert.rejects(careless(admin, TENANT, {}, d), /commit/);
    assert.deepEqual(results(entries), [`${TENANT} Failed Role Create INTERNAL.ERROR`]);
  });
});
