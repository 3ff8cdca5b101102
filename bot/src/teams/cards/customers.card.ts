/** The `customers` command: the tenants the reader holds a role in, with that role. */
import { strings, type Lang } from '../i18n.ts';
import { card, text, title, type Json } from './card.ts';

export interface CustomerRow {
  name: string;
  domain: string | null;
  own: boolean;
  roles: readonly string[];
  permissionCount: number;
}

/** At most this many rows, so the card stays far below Teams' 28 KB. */
export const MAX_CUSTOMER_ROWS = 40;

export function customersCard(m: { lang: Lang; rows: readonly CustomerRow[] }): Json {
  const s = strings(m.lang).customers;
  const body: Json[] = [title(s.title)];
  if (m.rows.length === 0) body.push(text(s.empty));
  for (const r of m.rows.slice(0, MAX_CUSTOMER_ROWS)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`**${r.name}**${r.domain ? ` (${r.domain})` : ''}${r.own ? ` — ${s.own}` : ''}`),
        text(`${s.roleList([...r.roles])} · ${s.permissions(r.permissionCount)}`, {
          isSubtle: true,
          spacing: 'None',
        }),
      ],
    });
  }
  if (m.rows.length > MAX_CUSTOMER_ROWS)
    body.push(text(s.more(m.rows.length - MAX_CUSTOMER_ROWS), { isSubtle: true }));
  return card(body);
}
