/** Helpers for bot tests: demo users as Teams sees them, posting activities, reading cards. */
import { ids, demoTenants } from '../../src/seed/demo-data.ts';
import type { TestApp } from './harness.ts';
import type { FakeConnector, SentActivity, TeamsUser } from './fake-connector.ts';

export function demoUser(tenantKey: string, userKey: string, locale = 'en-US'): TeamsUser {
  const t = demoTenants.find((x) => x.key === tenantKey)!;
  const u = t.users.find((x) => x.key === userKey)!;
  return {
    tenantId: ids.tenant(tenantKey),
    aadObjectId: ids.user(tenantKey, userKey),
    name: u.displayName,
    locale,
  };
}

export async function postActivity(
  app: TestApp,
  activity: unknown,
  headers: Record<string, string> = {}
) {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  return { status: res.status, body };
}

/** The personal conversation of a user, as the test activities name it. */
export const personalOf = (u: TeamsUser) => `a:${u.aadObjectId}`;

/** Delivered activities in a user's personal chat. */
export const deliveredTo = (c: FakeConnector, u: TeamsUser) =>
  c.sent.filter((s) => s.conversationId === personalOf(u));

export const cardOf = (s: SentActivity) => s.body.attachments?.[0]?.content ?? null;

/** Everything a card says, as one string (for "mentions X" assertions). */
export const cardText = (content: unknown) => JSON.stringify(content ?? null);

/** Cards about one invitation (posts and updates) delivered to a user, in order. */
export const invitationCardsTo = (c: FakeConnector, u: TeamsUser, invitationId: string) =>
  deliveredTo(c, u).filter((s) => cardText(cardOf(s)).includes(`"invitationId":"${invitationId}"`));

/** The card a copy shows now: its post, then every update of that activity in order. */
export function latestCopy(c: FakeConnector, u: TeamsUser, invitationId: string) {
  const mine = invitationCardsTo(c, u, invitationId).filter(
    (s) => !cardText(cardOf(s)).includes('Reminder')
  );
  const post = mine.find((s) => s.method === 'POST');
  if (!post) return null;
  const updates = mine.filter((s) => s.method === 'PUT' && s.activityId === post.activityId);
  return cardOf(updates.at(-1) ?? post);
}

/** Cards about one ticket (posts and updates) delivered to a conversation, in order. */
export const incidentCardsIn = (c: FakeConnector, conversationId: string, ticketId: string) =>
  c.sent.filter(
    (s) =>
      s.conversationId === conversationId &&
      cardText(cardOf(s)).includes(`"ticketId":"${ticketId}"`)
  );

/** The incident card a conversation's copy shows now: its post, then its updates in order. */
export function latestIncidentCopy(c: FakeConnector, conversationId: string, ticketId: string) {
  const post = c.sent.find((s) => isIncidentCardPost(s, conversationId, ticketId));
  if (!post) return null;
  const updates = c.sent.filter(
    (s) =>
      s.method === 'PUT' && s.conversationId === conversationId && s.activityId === post.activityId
  );
  return cardOf(updates.at(-1) ?? post);
}

/** A proactive post (not a reply) of one ticket's card (not a notice) to a conversation. */
export const isIncidentCardPost = (s: SentActivity, conversationId: string, ticketId: string) =>
  s.method === 'POST' &&
  /\/activities$/.test(s.path) &&
  s.conversationId === conversationId &&
  cardText(cardOf(s)).includes(`"ticketId":"${ticketId}"`) &&
  cardText(cardOf(s)).includes('"verb":"incident.refresh"');
