/**
 * Who manages a conversation's alert subscriptions: the engine's organisation right
 * `organisation.conversations.subscribe`, held by the users of the conversation's own tenant. A
 * conversation of another tenant is refused before its subscriptions are read, and audited.
 */
import assert from 'node:assert/strict';
import type { Caller } from '../identity/caller.ts';
import type { AuditEntry } from '../audit/audit.ts';
import { buildGrants } from '../authz/engine.ts';
import { isDomainError } from '../errors.ts';
import { caller } from '../../../test/authz/fixtures.ts';
import type { AlertsDeps } from './alerts.ports.ts';
import {
  conversationSubscriptions,
  subscribeConversation,
  type SharedConversation,
} from './alerts.use-cases.ts';

/** A Global admin of the customer: Ticket management › View on every room of it. */
const admin: Caller = {
  ...caller('cust', 'ga', [], { isGlobalAdmin: true }),
  principal: { tenantId: 'cust', userId: 'ga', wids: [] },
};

const channel = (tenantId: string): SharedConversation => ({
  refId: 'conv-1',
  tenantId,
  kind: 'channel',
  name: 'Ops',
});

/** Subscriptions throw when touched; grants come from the identity; the audit log records. */
function depsFor(): { deps: AlertsDeps; records: AuditEntry[]; read: string[] } {
  const records: AuditEntry[] = [];
  const read: string[] = [];
  const subscriptions = new Proxy(
    {},
    {
      get: (_t, prop) => async () => {
        read.push(String(prop));
        return [];
      },
    }
  );
  const deps = {
    subscriptions,
    audit: {
      record: async (e: AuditEntry) => void records.push(e),
      recordAll: async (es: readonly AuditEntry[]) => void records.push(...es),
    },
    grantsFor: async (c: Caller) =>
      buildGrants(c, { relationships: [], roles: [], assignments: [] }),
    now: () => new Date(0),
  } as unknown as AlertsDeps;
  return { deps, records, read };
}

const isForbidden = (e: unknown) => isDomainError(e) && e.code === 'AUTHZ.FORBIDDEN';

describe('Alert subscriptions: a conversation belongs to its own tenant', () => {
  it('When a user subscribes a conversation of another tenant, then AUTHZ.FORBIDDEN, nothing read, a Failed record', async () => {
    const { deps, records, read } = depsFor();
    await assert.rejects(subscribeConversation(admin, channel('other'), 'cust', deps), isForbidden);
    assert.deepEqual(read, []);
    assert.deepEqual(
      records.map((r) => [r.objectType, r.operation, r.result, r.detail]),
      [['AlertSubscription', 'Create', 'Failed', 'AUTHZ.FORBIDDEN']]
    );
  });

  it('When a user lists the subscriptions of a conversation of another tenant, then AUTHZ.FORBIDDEN before any read', async () => {
    const { deps, read } = depsFor();
    await assert.rejects(conversationSubscriptions(admin, channel('other'), deps), isForbidden);
    assert.deepEqual(read, []);
  });

  it('When a user subscribes a conversation of their own tenant, then it is read and subscribed', async () => {
    const { deps, records, read } = depsFor();
    assert.equal(await subscribeConversation(admin, channel('cust'), 'cust', deps), 'subscribed');
    assert.deepEqual(read, ['forConversation', 'add']);
    assert.deepEqual(
      records.map((r) => [r.operation, r.result]),
      [['Create', 'Successful']]
    );
  });
});
