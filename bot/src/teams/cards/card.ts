/**
 * Adaptive Card building blocks (schema 1.5). Every action is an Action.Execute (Universal
 * Actions) with an Action.Submit fallback carrying the same data, so clients without Universal
 * Actions reach the same handler.
 */
import type { ActionData } from '../verbs.ts';

export type Json = Record<string, unknown>;
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

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

export function execute(title: string, data: ActionData, options: Json = {}): Json {
  return {
    type: 'Action.Execute',
    title,
    verb: data.verb,
    data,
    ...options,
    fallback: { type: 'Action.Submit', title, data, ...options },
  };
}

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
