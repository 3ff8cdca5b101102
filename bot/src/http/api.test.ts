import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import restify, { type Request, type Server } from 'restify';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { Api, type RouteContext } from './api.ts';
import type { Caller } from '../core/identity/caller.ts';

describe('Api: the context a route handler gets', () => {
  let server: Server;
  let url: string;
  const lines: Record<string, unknown>[] = [];
  const logsMade: string[] = [];
  const contexts: RouteContext<undefined, { q: string }, undefined>[] = [];
  const caller = { tenantId: 't', userId: 'u' } as unknown as Caller;

  before(async () => {
    server = restify.createServer();
    server.use(restify.plugins.queryParser({ mapParams: false }));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const logOf = (req: Request): Logger => {
      logsMade.push(req.path());
      return logger.child({ reqId: req.header('x-request-id') });
    };
    const api = new Api(server, async () => caller, logOf);
    const query = z.object({ q: z.string() });
    const answer = z.object({ q: z.string(), user: z.string() });
    api.route({
      method: 'get',
      path: '/quiet',
      tag: 't',
      summary: 'never logs',
      query,
      response: answer,
      handler: async (ctx) => {
        contexts.push(ctx);
        return { q: ctx.query.q, user: ctx.caller.userId };
      },
    });
    api.route({
      method: 'get',
      path: '/chatty',
      tag: 't',
      summary: 'logs through the destructured log',
      query,
      response: answer,
      handler: async ({ caller: who, query: { q }, log }) => {
        log.info({ q }, 'handled');
        return { q, user: who.userId };
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  it('When a handler uses its context, then it has the caller and the parsed input; a logger is made only when asked for', async () => {
    const res = await fetch(`${url}/quiet?q=hello`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { q: 'hello', user: 'u' });
    assert.deepEqual(logsMade, []);

    const chatty = await fetch(`${url}/chatty?q=hi`, { headers: { 'x-request-id': 'r-42' } });
    assert.deepEqual(await chatty.json(), { q: 'hi', user: 'u' });
    assert.deepEqual(logsMade, ['/chatty']);
    const line = lines.find((l) => l.msg === 'handled');
    assert.equal(line?.reqId, 'r-42');
    assert.equal(line?.q, 'hi');
  });

  it('When the context is made, then its log is an accessor of its class, not one of its own (an own accessor keeps the request alive into the old generation)', () => {
    const ctx = contexts[0];
    assert.ok(ctx);
    assert.equal(Object.getOwnPropertyDescriptor(ctx, 'log'), undefined);
    assert.equal(
      typeof Object.getOwnPropertyDescriptor(Object.getPrototypeOf(ctx), 'log')?.get,
      'function'
    );
  });
});
