/** Foundation through HTTP: health, OpenAPI, identity, directory, TRPM, API conventions. */
import assert from 'node:assert/strict';
import { generateKeyPair, SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { Collections } from '../../src/data/collections.ts';

const FAB = ids.tenant('fabrikam');

describe('Foundation API', function () {
  let app: TestApp;
  let megan: string; // partner Global admin
  let adele: string; // partner Teams Rooms Pro Manager
  let diego: string; // technician, no admin role

  before(async () => {
    app = await startTestApp();
    [megan, adele, diego] = await Promise.all([
      app.tokenFor('fabrikam', 'megan'),
      app.tokenFor('fabrikam', 'adele'),
      app.tokenFor('fabrikam', 'diego'),
    ]);
  });
  after(() => app.close());

  const auditCount = (filter: Record<string, unknown>) =>
    app.store.collection(Collections.audit).countDocuments(filter);

  it('When /healthz is called without a token, then it answers ok with the store kind', async () => {
    const r = await app.call('GET', '/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'ok');
    assert.ok(['embedded', 'mongodb'].includes(String(r.body.store)));
  });

  it('When /api/openapi.json is fetched, then it is OpenAPI 3 and lists the API routes', async () => {
    const r = await app.call('GET', '/api/openapi.json');
    assert.equal(r.status, 200);
    assert.match(String(r.body.openapi), /^3\./);
    const paths = Object.keys(r.body.paths as object);
    for (const p of [
      '/api/me',
      '/api/directory/search',
      '/api/rooms-pro-managers',
      '/api/rooms-pro-managers/{memberId}',
    ]) {
      assert.ok(paths.includes(p), `missing ${p}`);
    }
  });

  it('When an API route is called without a token, then 401 AUTH.MISSING_TOKEN', async () => {
    const r = await app.call('GET', '/api/me');
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 'AUTH.MISSING_TOKEN');
  });

  it('When a token is forged with another key, then 401 AUTH.INVALID_TOKEN', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({
      tid: FAB,
      oid: ids.user('fabrikam', 'megan'),
      ver: '2.0',
      scp: 'access_as_user',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(`http://localhost:3978/dev-issuer/${FAB}/v2.0`)
      .setAudience('api://rooms-partner-hub')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const r = await app.call('GET', '/api/me', { token: forged });
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 'AUTH.INVALID_TOKEN');
  });

  it('When a partner Global admin asks /api/me, then the GA role comes from the token and the tenant is named', async () => {
    const r = await app.call('GET', '/api/me', { token: megan });
    assert.equal(r.status, 200);
    assert.equal(r.body.tenantId, FAB);
    assert.equal(r.body.tenantName, 'Fabrikam Managed Services');
    assert.equal(r.body.isGlobalAdmin, true);
    assert.equal(r.body.isRoomsProManager, false);
  });

  it('When the TRPM asks /api/me, then the product role comes from the store', async () => {
    const r = await app.call('GET', '/api/me', { token: adele });
    assert.equal(r.body.isRoomsProManager, true);
    assert.equal(r.body.isGlobalAdmin, false);
  });

  it('When an admin searches the directory, then users and groups of their own tenant only come back', async () => {
    const r = await app.call('GET', '/api/directory/search?q=msp', { token: adele });
    assert.equal(r.status, 200);
    const names = r.body.items!.map((i) => i.displayName);
    assert.deepEqual(names, ['MSP All Staff', 'MSP Help Desk', 'MSP Tenant Managers']);
    const users = await app.call('GET', '/api/directory/search?q=a&kind=user', { token: megan });
    assert.ok(users.body.items!.length > 0);
    assert.ok(users.body.items!.every((i) => i.tenantId === FAB && i.kind === 'user'));
  });

  it('When a technician searches the directory, then 403 AUTHZ.FORBIDDEN', async () => {
    const r = await app.call('GET', '/api/directory/search?q=a', { token: diego });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'AUTHZ.FORBIDDEN');
  });

  it('When a user is in a nested group, then transitive membership counts', async () => {
    const groups = await app.services.directory.transitiveGroupIds(
      FAB,
      ids.user('fabrikam', 'diego')
    );
    assert.deepEqual(
      new Set(groups),
      new Set([ids.group('fabrikam', 'help-desk'), ids.group('fabrikam', 'all-staff')])
    );
  });

  it('When the GA assigns TRPM to a group, then its members become TRPM and the change is audited', async () => {
    const before = await auditCount({
      tenantId: FAB,
      objectType: 'RoomsProManager',
      result: 'Successful',
    });
    const member = { type: 'group', id: ids.group('fabrikam', 'help-desk') };
    const r = await app.call('POST', '/api/rooms-pro-managers', { token: megan, body: { member } });
    assert.equal(r.status, 201);
    assert.equal(r.body.displayName, 'MSP Help Desk');
    const me = await app.call('GET', '/api/me', { token: diego });
    assert.equal(me.body.isRoomsProManager, true);
    assert.equal(
      await auditCount({ tenantId: FAB, objectType: 'RoomsProManager', result: 'Successful' }),
      before + 1
    );

    const again = await app.call('POST', '/api/rooms-pro-managers', {
      token: megan,
      body: { member },
    });
    assert.equal(again.status, 409);
    const del = await app.call('DELETE', `/api/rooms-pro-managers/${member.id}`, { token: megan });
    assert.equal(del.status, 204);
    const after = await app.call('GET', '/api/me', { token: diego });
    assert.equal(
      after.body.isRoomsProManager,
      false,
      'revocation is effective on the next request'
    );
  });

  it('When a non-GA tries to assign TRPM, then 403 and a Failed audit record with the actor', async () => {
    const member = { type: 'user', id: ids.user('fabrikam', 'nestor') };
    const r = await app.call('POST', '/api/rooms-pro-managers', { token: adele, body: { member } });
    assert.equal(r.status, 403);
    const failed = await app.store
      .collection(Collections.audit)
      .findOne({ tenantId: FAB, objectId: member.id, result: 'Failed' });
    assert.ok(failed);
    assert.equal((failed as unknown as { actorId: string }).actorId, ids.user('fabrikam', 'adele'));
  });

  describe('Bad input gets a 4xx with a code and writes nothing', () => {
    const trpmCount = () => app.store.collection(Collections.roomsProManagers).countDocuments({});

    const cases: {
      name: string;
      rawBody?: string;
      body?: unknown;
      headers?: Record<string, string>;
      status: number;
      code: string;
    }[] = [
      {
        name: 'malformed JSON',
        rawBody: '{"member": ',
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'REQUEST.MALFORMED_JSON',
      },
      {
        name: 'unknown fields',
        body: { member: { type: 'user', id: ids.user('fabrikam', 'nestor') }, admin: true },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'a MongoDB operator where an id is expected',
        body: { member: { type: 'user', id: { $gt: '' } } },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an oversized body',
        body: { member: { type: 'user', id: 'x'.repeat(70_000) } },
        status: 413,
        code: 'REQUEST.TOO_LARGE',
      },
      {
        name: 'a non-JSON content type',
        rawBody: 'member=1',
        headers: { 'content-type': 'text/plain' },
        status: 415,
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'an empty body',
        status: 400,
        code: 'REQUEST.INVALID',
        headers: { 'content-type': 'application/json' },
        rawBody: '',
      },
    ];
    for (const c of cases) {
      it(`When the body is ${c.name}, then ${c.status} ${c.code}`, async () => {
        const before = await trpmCount();
        const r = await app.call('POST', '/api/rooms-pro-managers', {
          token: megan,
          body: c.body,
          rawBody: c.rawBody,
          headers: c.headers,
        });
        assert.equal(r.status, c.status, r.text);
        assert.equal(r.body.code, c.code);
        assert.equal(typeof r.body.message, 'string');
        assert.equal(await trpmCount(), before);
      });
    }

    it('When a path id is a MongoDB operator string, then 400 and nothing deleted', async () => {
      const before = await trpmCount();
      const r = await app.call(
        'DELETE',
        `/api/rooms-pro-managers/${encodeURIComponent('{"$ne":null}')}`,
        { token: megan }
      );
      assert.equal(r.status, 400);
      assert.equal(await trpmCount(), before);
    });

    it('When a query parameter is an object (q[$ne]=x), then 400 REQUEST.INVALID', async () => {
      const r = await app.call('GET', '/api/directory/search?q[$ne]=x', { token: megan });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'REQUEST.INVALID');
    });

    it('When the route does not exist, then 404 ROUTE.NOT_FOUND as JSON', async () => {
      const r = await app.call('GET', '/api/nope', { token: megan });
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 'ROUTE.NOT_FOUND');
    });
  });

  it('When a response is sent, then it carries a request id and security headers', async () => {
    const r = await app.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    assert.equal(r.headers.get('x-request-id'), 'abc-123');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    const bad = await app.call('GET', '/healthz', {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    assert.match(
      bad.headers.get('x-request-id') ?? '',
      /^[0-9a-f-]{36}$/,
      'unsafe ids are replaced'
    );
  });
});
