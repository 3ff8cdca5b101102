/**
 * The names the audit log writer keeps in each record (StoreAuditLog with AuditNames): the
 * actor's, their tenant's and the object's, looked up when the entry lacks them; an object whose
 * id the hub makes (a ticket) is never a tenant or a member, so nothing is asked about it.
 */
import assert from 'node:assert/strict';
import { openStoreUnderTest, type StoreUnderTest } from '../store/store-under-test.ts';
import { StoreAuditLog } from '../../src/data/foundation.repositories.ts';
import type { AuditEntry, AuditNames } from '../../src/core/audit/audit.ts';

describe('Audit names', () => {
  let under: StoreUnderTest;
  beforeEach(async () => {
    under = await openStoreUnderTest();
  });
  afterEach(() => under.dispose());

  /** A directory of one tenant and one user, remembering every question asked. */
  const directory = () => {
    const asked: string[] = [];
    const names: AuditNames = {
      tenantName: async (id) => {
        asked.push(`tenant ${id}`);
        return id === 'contoso' ? 'Contoso' : undefined;
      },
      memberName: async (tenantId, id) => {
        asked.push(`member ${tenantId} ${id}`);
        return id === 'adele' ? 'Adele Vance' : undefined;
      },
    };
    return { names, asked };
  };

  const entry = (objectType: string, objectId: string): AuditEntry => ({
    tenantId: 'contoso',
    category: objectType === 'Ticket' ? 'Ticket' : 'Partner',
    objectType,
    objectId,
    operation: 'Update',
    result: 'Successful',
    actorId: 'adele',
    actorTenantId: 'contoso',
  });

  it('When a ticket is audited, then the actor is named and nothing is asked about the ticket', async () => {
    const { names, asked } = directory();
    const log = new StoreAuditLog(under.store, () => new Date(), names);
    const [record] = await log.prepare([entry('Ticket', 'ticket-1')]);
    assert.equal(record!.actorName, 'Adele Vance');
    assert.equal(record!.actorTenantName, 'Contoso');
    assert.equal(record!.objectName, undefined);
    assert.deepEqual(asked.sort(), ['member contoso adele', 'tenant contoso']);
  });

  it('When another object is audited, then its name is looked up as a tenant, then as a member', async () => {
    const { names, asked } = directory();
    const log = new StoreAuditLog(under.store, () => new Date(), names);
    const [tenant] = await log.prepare([entry('Test', 'contoso')]);
    assert.equal(tenant!.objectName, 'Contoso');
    const [member] = await log.prepare([entry('Test', 'adele')]);
    assert.equal(member!.objectName, 'Adele Vance');
    assert.ok(asked.includes('tenant adele') && asked.includes('member contoso adele'));
  });
});
