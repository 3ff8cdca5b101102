/**
 * Cross-customer isolation over EVERY route the service documents: the walk reads
 * /api/openapi.json, so a route added later is walked without touching this file.
 *
 * - A customer the caller holds nothing in answers not-found on every per-customer route (an id
 *   of a foreign tenant reveals nothing), and no such call changes any stored document.
 * - No GET response (lists, details, counts, aggregates) carries an id the caller may not see:
 *   another customer's rooms and groups, or rooms and groups of a customer outside the
 *   relationship (invitation) scope.
 * - Detail and mutation routes refuse the id of a room outside the scope, and write nothing.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import {
  Collections,
  ResourceCollections,
  type RoomDoc,
  type RoomGroupDoc,
} from '../../src/data/collections.ts';
import { indexedCollections } from '../../src/data/indexes.ts';

const FAB = ids.tenant('fabrikam');
const CONTOSO = ids.tenant('contoso');
const NORTHWIND = ids.tenant('northwind');
const WOODGROVE = ids.tenant('woodgrove');
const US_ROOMS = ids.roomGroup('contoso', 'US rooms');

type Operation = { method: string; path: string };

/** Routes outside the product's data: the dev issuer (local mode only) lists every demo user. */
const isPublicOrDev = (path: string) =>
  path.startsWith('/dev-issuer') || path === '/api/openapi.json' || path === '/healthz';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('Isolation walk over every documented route', function () {
  this.timeout(120_000);
  let app: TestApp;
  let operations: Operation[];
  const tokens: Record<string, string> = {};
  /** Ids each caller must never see in any response. */
  let woodgroveIds: string[];
  let northwindIds: string[];
  let contosoOutsideScope: { rooms: string[]; groups: string[] };

  /** A digest of every stored document except the audit log (denials are audited, by design). */
  const digest = async () => {
    const h = createHash('sha256');
    for (const name of indexedCollections().sort()) {
      if (name === Collections.audit) continue;
      const docs = await app.store
        .collection(name)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      h.update(name).update(JSON.stringify(docs));
    }
    return h.digest('hex');
  };

  const fill = (path: string, customer: string, other: (param: string) => string) =>
    path.replace(/\{(\w+)\}/g, (_m, param: string) =>
      param === 'customerTenantId' ? customer : other(param)
    );

  before(async () => {
    app = await startTestApp();
    for (const who of [
      'fabrikam/megan', // partner Global admin: metadata only
      'fabrikam/adele', // partner TRPM
      'fabrikam/lee', // tenant manager
      'fabrikam/pradeep', // Primary admin of Contoso, scope 'US rooms'
      'fabrikam/diego', // help-desk technician
      'woodgrove/wanda', // Global admin of a customer with no partner
      'contoso/miriam', // employee without roles
    ]) {
      const [t, u] = who.split('/') as [string, string];
      tokens[who] = await app.tokenFor(t, u);
    }
    const doc = await app.call('GET', '/api/openapi.json');
    assert.equal(doc.status, 200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path }))
    );

    const rooms = app.store.collection<RoomDoc>(ResourceCollections.rooms);
    const groups = app.store.collection<RoomGroupDoc>(ResourceCollections.roomGroups);
    const idsOf = async (tenantId: string) => [
      ...(await rooms.find({ tenantId }).toArray()).map((r) => r._id),
      ...(await groups.find({ tenantId }).toArray()).map((g) => g._id),
    ];
    woodgroveIds = [WOODGROVE, ...(await idsOf(WOODGROVE))];
    northwindIds = await idsOf(NORTHWIND);
    contosoOutsideScope = {
      rooms: (await rooms.find({ tenantId: CONTOSO, groupIds: { $ne: US_ROOMS } }).toArray()).map(
        (r) => r._id
      ),
      groups: (await groups.find({ tenantId: CONTOSO, _id: { $ne: US_ROOMS } }).toArray()).map(
        (g) => g._id
      ),
    };
    assert.ok(woodgroveIds.length > 3 && northwindIds.length > 0, 'demo data has foreign rooms');
    assert.ok(contosoOutsideScope.rooms.length > 0 && contosoOutsideScope.groups.length > 0);
  });

  after(() => app?.close());

  it('walks a meaningful set of per-customer routes', () => {
    const perCustomer = operations.filter((o) => o.path.includes('{customerTenantId}'));
    // The walk is only as good as what it finds; fail loudly if the document lost routes.
    assert.ok(perCustomer.length >= 30, `per-customer routes: ${perCustomer.length}`);
  });

  // Reads run first: the refused calls below are (rightly) audited in the caller's own log,
  // which would then show the ids the caller itself typed.
  it('When any caller reads any list or aggregate, then nothing outside their scope appears', async () => {
    const reads = operations.filter(
      (o) =>
        o.method === 'GET' &&
        !isPublicOrDev(o.path) &&
        !/\{(?!customerTenantId\})\w+\}/.test(o.path)
    );
    const failures: string[] = [];
    for (const who of Object.keys(tokens)) {
      const tenant = who.split('/')[0];
      const forbiddenIds = [
        ...(tenant === 'woodgrove' ? [] : woodgroveIds),
        ...(tenant === 'northwind' ? [] : northwindIds),
        // Fabrikam reaches Contoso only through the 'US rooms' scope.
        ...(tenant === 'fabrikam'
          ? [...contosoOutsideScope.rooms, ...contosoOutsideScope.groups]
          : []),
      ];
      for (const op of reads) {
        for (const customer of [FAB, CONTOSO, NORTHWIND, WOODGROVE]) {
          // Routes across customers (the aggregate incidents view) take the customer as a filter.
          const urls = op.path.includes('{customerTenantId}')
            ? [fill(op.path, customer, () => randomUUID())]
            : [op.path, `${op.path}?customerTenantId=${customer}`];
          for (const url of urls) {
            const res = await app.call('GET', url, { token: tokens[who] });
            const leaked = forbiddenIds.filter((id) => res.text.includes(id));
            if (leaked.length)
              failures.push(`${who} GET ${url} → ${res.status} shows ${leaked.length} foreign ids`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('When a caller names a customer they hold nothing in, then every route answers as for a customer that does not exist, and nothing changes', async () => {
    const cases: [string, string][] = [
      ['fabrikam/megan', WOODGROVE],
      ['fabrikam/pradeep', WOODGROVE],
      ['fabrikam/pradeep', NORTHWIND], // a pending invitation grants nothing
      ['fabrikam/diego', WOODGROVE],
      ['woodgrove/wanda', CONTOSO],
      ['contoso/miriam', WOODGROVE],
    ];
    const foreignRoom = woodgroveIds[1]!;
    const before = await digest();
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.path.includes('{customerTenantId}'))) {
      for (const [who, customer] of cases) {
        const url = fill(op.path, customer, (p) =>
          /room(?!Group)/i.test(p) ? foreignRoom : randomUUID()
        );
        const hasBody = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
        const send = (u: string) =>
          app.call(op.method, u, { token: tokens[who], ...(hasBody ? { body: {} } : {}) });
        const res = await send(url);
        // The answer must be a refusal that says nothing about the customer: exactly the answer
        // for a customer that does not exist (404, or a refusal about the caller, or a 400 for a
        // body refused before anything is read).
        const ghost = await send(url.replace(customer, randomUUID()));
        const ok =
          res.status >= 400 && res.status === ghost.status && res.body.code === ghost.body.code;
        if (!ok)
          failures.push(`${who} ${op.method} ${op.path} → ${res.status} ${res.text.slice(0, 120)}`);
        if (res.text.includes(foreignRoom))
          failures.push(`${who} ${op.method} ${op.path} echoed a foreign room`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await digest(), before, 'no stored document changed');
  });

  it('When a partner names a room outside the invitation scope, then no route reads or changes it', async () => {
    const roomRoutes = operations.filter(
      (o) => o.path.includes('{customerTenantId}') && /\{\w*room(?!Group)\w*\}/i.test(o.path)
    );
    const before = await digest();
    const failures: string[] = [];
    for (const who of ['fabrikam/pradeep', 'fabrikam/diego']) {
      for (const op of roomRoutes) {
        for (const room of contosoOutsideScope.rooms.slice(0, 2)) {
          const url = fill(op.path, CONTOSO, (p) =>
            /room(?!Group)/i.test(p) ? room : randomUUID()
          );
          const hasBody = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
          const res = await app.call(op.method, url, {
            token: tokens[who],
            ...(hasBody ? { body: {} } : {}),
          });
          if (res.status < 400) failures.push(`${who} ${op.method} ${url} → ${res.status}`);
          if (res.text.includes(room))
            failures.push(`${who} ${op.method} ${op.path} echoed the room id`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await digest(), before, 'no stored document changed');
  });
});
