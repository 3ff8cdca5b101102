/** The `invitations` command: pending invitations the reader may decide, each with Review. */
import { formatWhen, strings, type Lang } from '../i18n.ts';
import { Verbs } from '../verbs.ts';
import { card, execute, text, title, type Json } from './card.ts';
import type { InvitationView } from './invitation.card.ts';

export interface InvitationsListModel {
  lang: Lang;
  items: readonly InvitationView[];
  /** More pending than listed. */
  more: boolean;
}

export function invitationsListCard(m: InvitationsListModel): Json {
  const s = strings(m.lang).invitations;
  const body: Json[] = [title(s.title)];
  if (m.items.length === 0) body.push(text(s.empty));
  for (const inv of m.items) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`**${inv.customerName}** (${inv.customerDomain || inv.customerTenantId})`),
        text(`${s.expires}: ${formatWhen(inv.expiresAt, m.lang)}`, {
          isSubtle: true,
          spacing: 'None',
        }),
      ],
      selectAction: execute(s.review, { verb: Verbs.review, invitationId: inv.id }),
    });
  }
  if (m.more) body.push(text('…', { isSubtle: true }));
  return card(body);
}
