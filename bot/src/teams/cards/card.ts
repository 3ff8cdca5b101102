/**
 * Adaptive Card building blocks (schema 1.5). Every action is an Action.Execute (Universal
 * Actions) with an Action.Submit fallback carrying the same data, so clients without Universal
 * Actions reach the same handler.
 */
import type { ActionData } from '../verbs.ts';

export type Json = Record<string, unknown>;
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Users a Universal Actions refresh may list (Teams refreshes the card for at most 60). */
export const MAX_REFRESH_USERS = 60;

export function card(body: Json[], actions: Json[] = [], extra: Json = {}): Json {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    ...extra,
  };
}

/**
 * The button maker of a card whose actions carry `D` (the verb and what it acts on), so a
 * misspelt field is a type error; `data` reaches the bot from either action type.
 */
export const executeOf =
  <D extends { verb: string }>() =>
  (title: string, data: D, options: Json = {}): Json => ({
    type: 'Action.Execute',
    title,
    verb: data.verb,
    data,
    ...options,
    fallback: { type: 'Action.Submit', title, data, ...options },
  });

/** A button of the invitation cards. */
export const execute = executeOf<ActionData>();

export const text = (value: string, options: Json = {}): Json => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...options,
});

export const title = (value: string): Json => text(value, { size: 'Medium', weight: 'Bolder' });

export const facts = (pairs: [string, string][]): Json => ({
  type: 'FactSet',
  facts: pairs.map(([t, v]) => ({ title: t, value: v })),
});

/** An attachment as the Bot Framework sends it. */
export const attachment = (content: Json) => ({ contentType: CARD_CONTENT_TYPE, content });

/** A message activity carrying one card. */
export const cardMessage = (content: Json, summary?: string) => ({
  type: 'message',
  ...(summary ? { summary } : {}),
  attachments: [attachment(content)],
});
