/**
 * The invitation card state under contention: an outcome is a compare-and-set on the card state's
 * version, tried a few times. When every try loses (the deadline sweep keeps changing the state),
 * the cards are left as they were, and that is said in the log with the invitation, never silent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BatchWrite, Store } from '../../src/store/types.ts';
import { Outbox } from '../../src/outbox/outbox.ts';
import { ConversationRefs } from '../../src/teams/conversation-refs.ts';
import { InvitationCards } from '../../src/teams/invitation-cards.ts';
import { TeamsCollections, type InvitationCardDoc } from '../../src/data/teams.collections.ts';
import type { Relationship } from '../../src/core/partners/model.ts';
import type { PartnersDeps } from '../../src/core/partners/partners.ports.ts';

const PARTNER = '22222222-2222-4222-8222-222222222222';
const CUSTOMER = '33333333-3333-4333-8333-333333333333';

/** A pending invitation from the customer to the partner (the fields the cards show). */
const invitation = (now: Date): Relationship => ({
  id: 'inv-1',
  customerTenantId: CUSTOMER,
  customerName: 'Contoso Ltd',
  customerDomain: 'contoso.example',
  partnerTenantId: PARTNER,
  partnerName: 'Fabrikam',
  partnerDomain: 'fabrikam.example',
  state: 'pending',
  expiresAt: new Date(now.getTime() + 7 * 86_400_000),
  changeControl: 'auto',
  scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
  termsAcceptedAt: now,
  createdBy: 'alex',
  createdByName: 'Alex Wilber',
  createdAt: now,
  primaryAdmins: [],
});

describe('Invitation card state', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-invitation-state-'));
    store = await openEmbeddedStore(dir, { onWarning: () => undefined });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When every attempt to record an outcome loses to another change of the card state, then the cards are left open and a warning names the invitation', async () => {
    const now = new Date('2026-12-05T10:00:00Z');
    const states = store.collection<InvitationCardDoc>(TeamsCollections.invitationCards);
    // The sweep changes the state (days left, reminders) right before each of the outcome's
    // writes: each compare-and-set finds a newer version than the one it read.
    let raced = 0;
    const contended = new Proxy(store, {
      get(target, prop) {
        if (prop === 'writeBatch')
          return async (writes: BatchWrite[]) => {
            raced++;
            await states.updateOne({ _id: 'inv-1', tenantId: PARTNER }, { $inc: { version: 1 } });
            return target.writeBatch(writes);
          };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const refs = new ConversationRefs(store, () => now);
    const outbox = new Outbox({
      store: contended,
      refs,
      log,
      now: () => now,
      deliverer: {
        post: () => Promise.reject(new Error('no sends here')),
        update: () => Promise.reject(new Error('no sends here')),
      },
    });
    const partners = {
      directory: { getUser: async () => ({ displayName: 'Megan Bowen' }) },
    } as unknown as PartnersDeps;
    const cards = new InvitationCards({
      store: contended,
      partners,
      refs,
      outbox,
      callerFor: () => Promise.reject(new Error('not used')),
      log,
      now: () => now,
    });
    const rel = invitation(now);
    await cards.decided(rel, { kind: 'accepted', byTenantId: PARTNER, byUserId: 'megan', at: now });

    assert.equal(raced, 5, 'five attempts');
    const state = await states.findOne({ _id: 'inv-1', tenantId: PARTNER });
    assert.equal(state!.outcome, null);
    assert.equal(state!.open, true);
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(warnings.length, 1, lines.join('\n'));
    assert.equal(warnings[0]!.level, 40);
    assert.equal(warnings[0]!.invitationId, 'inv-1');
    assert.equal(warnings[0]!.partnerTenantId, PARTNER);
    assert.equal(warnings[0]!.outcome, 'accepted');
    assert.match(String(warnings[0]!.msg), /invitation cards not updated/);
  });
});
