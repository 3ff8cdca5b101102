/** Cards checked by the official Adaptive Cards renderer, as Teams would parse them. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The UMD bundle loads without a DOM (the package's ESM lib does not on Node 20).
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Schema versions the cards are parsed at. */
export const CardVersions: { v1_5: unknown; v1_6: unknown } = AC.Versions;

/** Every parse event and validation warning of `json` at `version` (none for a clean card). */
export function parseEvents(json: Record<string, unknown>, version = CardVersions.v1_5): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(version);
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents)
    events.push(`${e.phase}: ${e.message}`);
  return events;
}
