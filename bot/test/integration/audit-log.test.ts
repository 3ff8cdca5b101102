/** The audit log read side: filters, pagination, CSV export, and who may read it. */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import type { AuditDoc } from '../../src/data/collections.ts';
import type { EmbeddedStore } from '../../src/store/embedded/embedded-store.ts';

const CONTOSO = ids.tenant('contoso');
const FAB = ids.tenant('fabrikam');

describe('Audit log', () => {
  let app: TestApp;
  let alex: string; // Contoso Global admin
  let miriam: string; // Contoso employee without roles

  before(async () => {
    app = await startTestApp();
    [alex, miriam] = await Promise.all([
      app.tokenFor('contoso', 'alex'),
      app.tokenFor('contoso', 'miriam'),
    ]);
    const base = { tenantId: CONTOSO, objectType: 'Test', operation: 'Update' as const };
    // Records as partner and customer actors would leave them, incl. a formula-injection attempt.
    for (let i = 0; i < 7; i++) {
      await app.services.audit.record({
        ...base,
        category: i % 2 ? 'Role' : 'Assignment',
        objectId: `obj-${i}`,
        result: i === 3 ? 'Failed' : 'Successful',
        actorId: ids.user('fabrikam', 'pradeep'),
        actorTenantId: i < 4 ? FAB : CONTOSO,
        detail: i === 5 ? '=HYPERLINK("http://evil.example","click")' : `step, "${i}"`,
      });
    }
    // Another tenant's record must never show up in Contoso's log.
    await app.services.audit.record({
      ...base,
      tenantId: FAB,
      category: 'Role',
      objectId: 'fab-only',
      result: 'Successful',
      actorId: 'x',
      actorTenantId: FAB,
    });
  });
  after(() => app.close());

  it('When the customer GA lists the log, then only its tenant records come back, newest first, paginated', async () => {
    const first = await app.call('GET', '/api/audit?limit=4', { token: alex });
    assert.equal(first.status, 200);
    assert.equal(first.body.items!.length, 4);
    assert.ok(first.body.nextCursor);
    const second = await app.call('GET', `/api/audit?limit=4&cursor=${first.body.nextCursor}`, {
      token: alex,
    });
    const all = [...first.body.items!, ...second.body.items!];
    assert.ok(all.every((r) => r.tenantId === CONTOSO));
    assert.equal(new Set(all.map((r) => r.id)).size, all.length, 'no duplicates across pages');
    assert.ok(!all.some((r) => r.objectId === 'fab-only'));
    const times = all.map((r) => String(r.at));
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it('When filtering by category, actor tenant and result, then only matching records come back', async () => {
    const r = await app.call('GET', `/api/audit?category=Role&actorTenantId=${FAB}`, {
      token: alex,
    });
    assert.ok(r.body.items!.length > 0);
    assert.ok(r.body.items!.every((i) => i.category === 'Role' && i.actorTenantId === FAB));
    const failed = await app.call('GET', '/api/audit?result=Failed', { token: alex });
    assert.deepEqual(
      failed.body.items!.map((i) => i.objectId),
      ['obj-3']
    );
  });

  it('When exporting a date range, then CSV (RFC 4180) streams every record with formulas neutralised', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const r = await app.call('GET', `/api/audit/export.csv?from=${from}&to=${to}`, { token: alex });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="audit-/);
    const lines = r.text.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'at,category,objectType,objectId,operation,result,tenantId,actorId,actorTenantId,detail,actorName,actorTenantName,objectName'
    );
    assert.equal(lines.length, 1 + 7);
    assert.ok(
      r.text.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`),
      'formula prefixed and quotes doubled'
    );
    assert.ok(r.text.includes('"step, ""0"""'));
  });

  it('When the range is inverted or longer than the retention, then 400', async () => {
    const a = await app.call(
      'GET',
      '/api/audit/export.csv?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      { token: alex }
    );
    assert.equal(a.status, 400);
    const b = await app.call(
      'GET',
      '/api/audit/export.csv?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      { token: alex }
    );
    assert.equal(b.status, 400);
    const c = await app.call('GET', '/api/audit/export.csv?from=yesterday&to=today', {
      token: alex,
    });
    assert.equal(c.status, 400);
    assert.equal(c.body.code, 'REQUEST.INVALID');
  });

  it('When a user without an admin role reads or exports the log, then 403', async () => {
    assert.equal((await app.call('GET', '/api/audit', { token: miriam })).status, 403);
    const r = await app.call(
      'GET',
      '/api/audit/export.csv?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z',
      { token: miriam }
    );
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'AUTHZ.FORBIDDEN');
  });

  it('When audit records pass the 180-day retention, then the TTL index removes them', async function () {
    // The embedded store sweeps TTL indexes on demand; a MongoDB server's TTL monitor runs on
    // its own minute-scale schedule, which a test cannot wait for.
    if (app.store.kind !== 'embedded') this.skip();
    const coll = app.store.collection<AuditDoc>('auditLog');
    const day = 86_400_000;
    const base = {
      tenantId: CONTOSO,
      category: 'Role',
      objectType: 'Test',
      operation: 'Update',
      result: 'Successful',
      actorId: 'x',
      actorTenantId: CONTOSO,
    } as const;
    await coll.insertOne({
      _id: 'ttl-old',
      ...base,
      objectId: 'old',
      at: new Date(Date.now() - 181 * day),
    });
    await coll.insertOne({
      _id: 'ttl-young',
      ...base,
      objectId: 'young',
      at: new Date(Date.now() - 179 * day),
    });
    await (app.store as EmbeddedStore).sweepExpired();
    assert.equal(await coll.countDocuments({ _id: 'ttl-old' }), 0);
    assert.equal(await coll.countDocuments({ _id: 'ttl-young' }), 1);
  });

  it('When a record is written, then the names of actor, tenant and object are kept in it and survive a deletion', async () => {
    const objectId = ids.tenant('northwind');
    await app.services.audit.record({
      tenantId: CONTOSO,
      category: 'Partner',
      objectType: 'Test',
      objectId,
      operation: 'Read',
      result: 'Successful',
      actorId: ids.user('fabrikam', 'pradeep'),
      actorTenantId: FAB,
      detail: 'named',
    });
    // The names come from the record, not from a lookup at read time: the tenant can go.
    const store = app.services.store as EmbeddedStore;
    await store.collection('tenants').deleteOne({ _id: objectId });
    const r = await app.call('GET', '/api/audit?limit=1', { token: alex });
    const record = r.body.items![0]!;
    assert.equal(record.detail, 'named');
    assert.equal(record.actorName, 'Pradeep Gupta');
    assert.equal(record.actorTenantName, 'Fabrikam Managed Services');
    assert.equal(record.objectName, 'Northwind Traders');
    const docs = await store.collection<AuditDoc>('auditLog').find({ detail: 'named' }).toArray();
    assert.equal(docs[0]!.objectName, 'Northwind Traders');
  });
});
