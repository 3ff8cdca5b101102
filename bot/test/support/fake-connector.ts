/**
 * A loopback stand-in for the Bot Framework connector: records every activity the bot sends
 * (replies to `/activities/{id}`, new ones to `/activities`, updates as PUT) and answers like the
 * real service. Tests can script failures (429 with Retry-After, 5xx, 403) per request.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';

export interface SentActivity {
  method: string;
  path: string;
  /** The conversation id from the path. */
  conversationId: string;
  /** The activity id answered (POST) or addressed (PUT). */
  activityId: string;
  /** The HTTP status the connector answered. */
  status: number;
  /** When it arrived (ms since the epoch, real time). */
  at: number;
  body: Record<string, unknown> & {
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  };
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer: destroy the socket (the caller sees a network error). */
  hangUp?: boolean;
  /** Never answer, and keep the connection open (the send stays in flight; see `held`). */
  hold?: boolean;
}

export interface FakeConnector {
  url: string;
  /** Every request, failed ones included (see `status`). */
  requests: SentActivity[];
  /** Requests answered 2xx: what Teams would show. */
  sent: SentActivity[];
  /** Decide the answer to one request (undefined = 200). */
  script:
    | ((req: {
        method: string;
        path: string;
        conversationId: string;
        body: Record<string, unknown>;
      }) => ScriptedAnswer | undefined)
    | null;
  /** Requests held (`hold`) whose connection the caller still keeps open. */
  held(): number;
  /** Resolves when `count` activities have been delivered (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const requests: SentActivity[] = [];
  const sent: SentActivity[] = [];
  const waiters: (() => void)[] = [];
  const held = new Set<Socket>();
  const connector: FakeConnector = {
    url: '',
    requests,
    sent,
    script: null,
    held: () => held.size,
    waitFor: (count, ms = 5000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`only ${sent.length} of ${count} activities arrived`)),
          ms
        );
        const check = () => {
          if (sent.length >= count) {
            clearTimeout(deadline);
            resolve(sent);
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise((r) => {
        for (const socket of held) socket.destroy();
        server.close(() => r());
      }),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {};
      const path = req.url ?? '';
      const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
      const conversationId = m ? decodeURIComponent(m[1]!) : '';
      const method = req.method ?? '';
      const answer = connector.script?.({ method, path, conversationId, body }) ?? { status: 200 };
      if (answer.hangUp) {
        req.socket.destroy();
        return;
      }
      if (answer.hold) {
        held.add(req.socket);
        req.socket.once('close', () => held.delete(req.socket));
        return;
      }
      const activityId = method === 'PUT' && m?.[2] ? decodeURIComponent(m[2]) : randomUUID();
      const record: SentActivity = {
        method,
        path,
        conversationId,
        activityId,
        status: answer.status,
        body,
        at: Date.now(),
      };
      requests.push(record);
      if (answer.status < 300) sent.push(record);
      waiters.splice(0).forEach((w) => w());
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.headers ?? {}),
      });
      // Create-conversation calls expect an id of the new conversation too.
      res.end(
        JSON.stringify(
          answer.body ??
            (answer.status < 300
              ? { id: activityId, activityId }
              : { error: { code: 'Error', message: 'scripted' } })
        )
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  connector.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return connector;
}

export interface TeamsUser {
  tenantId: string;
  aadObjectId: string;
  name: string;
  locale?: string;
}

const base = (serviceUrl: string, u: TeamsUser) => ({
  id: randomUUID(),
  timestamp: new Date().toISOString(),
  channelId: 'msteams',
  serviceUrl,
  from: { id: `29:${u.aadObjectId}`, name: u.name, aadObjectId: u.aadObjectId },
  recipient: { id: '28:rooms-partner-hub', name: 'Rooms Partner Hub' },
  conversation: { id: `a:${u.aadObjectId}`, conversationType: 'personal', tenantId: u.tenantId },
  channelData: { tenant: { id: u.tenantId } },
  locale: u.locale ?? 'en-US',
});

/** A Teams personal-chat message activity from a user, as the channel would post it. */
export function teamsMessage(o: {
  serviceUrl: string;
  tenantId: string;
  aadObjectId: string;
  name: string;
  text: string;
  locale?: string;
}) {
  return { ...base(o.serviceUrl, o), type: 'message', text: o.text };
}

/** The app installed (or removed) in the user's personal scope. */
export function teamsInstall(
  serviceUrl: string,
  u: TeamsUser,
  action: 'add' | 'remove' | 'add-upgrade' = 'add'
) {
  return { ...base(serviceUrl, u), type: 'installationUpdate', action };
}

/** An Action.Execute click (invoke adaptiveCard/action) on a card in the user's personal chat. */
export function teamsExecute(
  serviceUrl: string,
  u: TeamsUser,
  data: Record<string, unknown>,
  replyToId?: string
) {
  return {
    ...base(serviceUrl, u),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(replyToId ? { replyToId } : {}),
    value: {
      action: { type: 'Action.Execute', id: randomUUID(), verb: data.verb, data },
      trigger: 'manual',
    },
  };
}

/** An Action.Submit click (the fallback): a message whose value is the action data and inputs. */
export function teamsSubmit(
  serviceUrl: string,
  u: TeamsUser,
  data: Record<string, unknown>,
  replyToId?: string
) {
  return {
    ...base(serviceUrl, u),
    type: 'message',
    value: data,
    ...(replyToId ? { replyToId } : {}),
  };
}

/** A Data.Query typeahead request (invoke application/search). */
export function teamsSearch(serviceUrl: string, u: TeamsUser, dataset: string, queryText: string) {
  return {
    ...base(serviceUrl, u),
    type: 'invoke',
    name: 'application/search',
    value: { kind: 'search', dataset, queryText, queryOptions: { skip: 0, top: 15 } },
  };
}

/** An activity of `u` in a team channel (the bot is @mentioned in messages there). */
export function teamsChannelActivity(
  serviceUrl: string,
  u: TeamsUser,
  channel: { id: string; name: string; teamName: string },
  extra: Record<string, unknown>
) {
  return {
    ...base(serviceUrl, u),
    conversation: {
      id: channel.id,
      conversationType: 'channel',
      tenantId: u.tenantId,
      isGroup: true,
    },
    channelData: {
      tenant: { id: u.tenantId },
      team: { id: `${channel.id}-team`, name: channel.teamName },
      channel: { id: channel.id, name: channel.name },
    },
    ...extra,
  };
}
