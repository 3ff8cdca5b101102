/** The help card: what the bot answers to, in the reader's language. */
import { strings, type Lang } from '../i18n.ts';
import { incidentStrings } from '../incident-i18n.ts';
import { card, facts, text, title, type Json } from './card.ts';

export interface HelpModel {
  lang: Lang;
  /** Unknown text the user typed (the card says it was not understood). */
  unknown?: string;
  /** Show the welcome sentence (first contact). */
  welcome?: boolean;
}

export function helpCard(m: HelpModel): Json {
  const s = strings(m.lang);
  const body: Json[] = [];
  if (m.welcome) body.push(text(s.welcome));
  if (m.unknown !== undefined)
    body.push(text(s.notUnderstood(m.unknown.slice(0, 80)), { color: 'Attention' }));
  body.push(
    title(s.helpTitle),
    text(s.helpIntro),
    facts([...s.commands, ...incidentStrings(m.lang).commands].map((c) => [c.name, c.description]))
  );
  return card(body);
}
