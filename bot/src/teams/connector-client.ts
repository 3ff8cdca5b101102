/**
 * The bot's proactive calls to the Bot Connector REST API (send to a conversation, update an
 * activity). botbuilder's own connector client retries 429s by sleeping in-process, which would
 * hold a worker and lose the retry on a crash; the durable outbox owns retries instead, so this
 * client makes exactly one HTTP call per attempt and reports status, error code and Retry-After.
 */
import http from 'node:http';
import https from 'node:https';
import type { ConversationRefDoc } from '../data/teams.collections.ts';
import { DeliveryError, type Deliverer, type OutboundActivity } from '../outbox/outbox.ts';

/** Kept-alive connections (one fan-out makes hundreds of calls to the same service URL). */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

interface HttpAnswer {
  status: number;
  statusText: string;
  retryAfter: string | null;
  text: string;
}

/**
 * One HTTP call with node:http (much cheaper per call than fetch, which matters at Teams' rate
 * limits); rejects on a network error or after `timeoutMs`.
 */
function httpCall(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number
): Promise<HttpAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        agent: agents[target.protocol === 'https:' ? 'https:' : 'http:'],
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      }
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))
    );
    req.on('error', reject);
    req.end(body);
  });
}

export class BotConnectorClient implements Deliverer {
  constructor(
    private readonly token: () => Promise<string | null>,
    private readonly timeoutMs = 15_000
  ) {}

  async post(ref: ConversationRefDoc, activity: OutboundActivity): Promise<{ id: string }> {
    const body = await this.call('POST', ref, '', activity);
    return { id: typeof body.id === 'string' ? body.id : '' };
  }

  async update(
    ref: ConversationRefDoc,
    activityId: string,
    activity: OutboundActivity
  ): Promise<void> {
    await this.call('PUT', ref, `/${encodeURIComponent(activityId)}`, {
      ...activity,
      id: activityId,
    });
  }

  private async call(
    method: string,
    ref: ConversationRefDoc,
    suffix: string,
    activity: OutboundActivity
  ): Promise<Record<string, unknown>> {
    const base = ref.serviceUrl.endsWith('/') ? ref.serviceUrl : `${ref.serviceUrl}/`;
    const url = `${base}v3/conversations/${encodeURIComponent(ref.conversationId)}/activities${suffix}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = await this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const payload = {
      type: 'message',
      channelId: ref.channelId,
      serviceUrl: ref.serviceUrl,
      from: ref.bot,
      conversation: { id: ref.conversationId },
      ...(ref.user ? { recipient: ref.user } : {}),
      ...activity,
    };
    let res: HttpAnswer;
    try {
      res = await httpCall(method, url, headers, JSON.stringify(payload), this.timeoutMs);
    } catch (e) {
      throw new DeliveryError(0, e instanceof Error ? e.name : 'NetworkError');
    }
    let body: Record<string, unknown>;
    try {
      body = res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    if (res.status >= 200 && res.status < 300) return body;
    const error = body.error as { code?: string } | undefined;
    throw new DeliveryError(
      res.status,
      error?.code ?? res.statusText,
      retryAfterMs(res.retryAfter)
    );
  }
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
