/**
 * A loopback stand-in for the Bot Framework connector: records every activity the bot sends
 * (replies to `/activities/{id}`, new ones to `/activities`) and answers like the real service.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';

export interface SentActivity {
  method: string;
  path: string;
  body: Record<string, unknown> & { text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** Resolves when `count` activities have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {};
      sent.push({ method: req.method ?? '', path: req.url ?? '', body });
      waiters.splice(0).forEach((w) => w());
      res.writeHead(200, { 'content-type': 'application/json' });
      // Create-conversation calls expect an id of the new conversation too.
      res.end(JSON.stringify({ id: randomUUID(), activityId: randomUUID() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    waitFor: (count, ms = 5000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`only ${sent.length} of ${count} activities arrived`)), ms);
        const check = () => {
          if (sent.length >= count) {
            clearTimeout(deadline);
            resolve(sent);
          } else waiters.push(check);
        };
        check();
      }),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A Teams personal-chat message activity from a user, as the channel would post it. */
export function teamsMessage(o: { serviceUrl: string; tenantId: string; aadObjectId: string; name: string; text: string }) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: `29:${o.aadObjectId}`, name: o.name, aadObjectId: o.aadObjectId },
    recipient: { id: '28:rooms-partner-hub', name: 'Rooms Partner Hub' },
    conversation: { id: `a:${o.aadObjectId}`, conversationType: 'personal', tenantId: o.tenantId },
    channelData: { tenant: { id: o.tenantId } },
    text: o.text,
    locale: 'en-US',
  };
}
