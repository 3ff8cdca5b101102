/**
 * Request bodies as restify read them (body-reader.ts replaces restify's reader): gzip inflated,
 * other encodings 415, Content-MD5 checked, and a body that is not gzip after all a 400 that
 * leaves the service running; in every refusal nothing is written.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';

const CONTOSO = ids.tenant('contoso');

describe('Request bodies', function () {
  this.timeout(30_000);
  let app: TestApp;
  let pradeep: string;
  let notesPath: string;
  let ticketId: string;

  before(async () => {
    app = await startTestApp();
    pradeep = await app.tokenFor('fabrikam', 'pradeep');
    const r = await app.call('POST', `/api/customers/${CONTOSO}/tickets`, {
      token: pradeep,
      body: { roomId: ids.room('contoso', 1), title: 'Body reader' },
    });
    assert.equal(r.status, 201, r.text);
    ticketId = String(r.body.id);
    notesPath = `/api/customers/${CONTOSO}/tickets/${ticketId}/notes`;
  });
  after(() => app.close());

  const noteCount = async () => {
    const t = await app.store
      .collection<{ _id: string; tenantId: string; notes: unknown[] }>(TicketCollections.tickets)
      .findOne({ _id: ticketId });
    return t?.notes.length ?? 0;
  };
  const post = (body: Buffer | string, headers: Record<string, string>) =>
    fetch(app.url + notesPath, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${pradeep}`,
        'content-type': 'application/json',
        ...headers,
      },
      body,
    });
  const json = JSON.stringify({ text: 'Read from a compressed body.' });

  it('When the body is gzip-encoded JSON, then it is read and the note added', async () => {
    const before = await noteCount();
    const res = await post(gzipSync(json), { 'content-encoding': 'gzip' });
    assert.equal(res.status, 201, await res.text());
    assert.equal(await noteCount(), before + 1);
  });

  /** Posts a note that must be refused with `status`; answers the response. */
  const refused = async (body: string, headers: Record<string, string>, status: number) => {
    const before = await noteCount();
    const res = await post(body, headers);
    assert.equal(res.status, status);
    assert.equal(await noteCount(), before);
    return res;
  };

  it('When the body has another content encoding, then 415 with Accept-Encoding: gzip, and nothing is written', async () => {
    const res = await refused(json, { 'content-encoding': 'br' }, 415);
    assert.equal(res.headers.get('accept-encoding'), 'gzip');
    assert.equal(((await res.json()) as { code: string }).code, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('When Content-MD5 does not match the body, then 400 and nothing is written; when it matches, the note is added', async () => {
    await refused(json, { 'content-md5': createHash('md5').update('x').digest('base64') }, 400);
    const before = await noteCount();
    const md5 = createHash('md5').update(json).digest('base64');
    const right = await post(json, { 'content-md5': md5 });
    assert.equal(right.status, 201, await right.text());
    assert.equal(await noteCount(), before + 1);
  });

  it('When a body said to be gzip is not, then 400, nothing is written and the service still answers', async () => {
    await refused(json, { 'content-encoding': 'gzip' }, 400);
    assert.equal((await app.call('GET', '/healthz')).status, 200);
  });

  it('When a small gzip body inflates past the body limit, then 413 and nothing is written', async () => {
    const before = await noteCount();
    const bomb = gzipSync(JSON.stringify({ text: 'x'.repeat(2_000_000) }));
    assert.ok(bomb.length < 65_536, 'the compressed body is under the limit');
    const res = await post(bomb, { 'content-encoding': 'gzip' });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { code: string }).code, 'REQUEST.TOO_LARGE');
    assert.equal(await noteCount(), before);
    assert.equal((await app.call('GET', '/healthz')).status, 200);
  });
});
