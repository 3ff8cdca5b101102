/**
 * Teams Rooms Pro Managers of the caller's tenant. Everyone with the page sees the list; only a
 * Global admin assigns or removes the role.
 */
import { useCallback } from 'react';
import {
  addRoomsProManager,
  listRoomsProManagers,
  removeRoomsProManager,
  type MemberRef,
} from '../api/directory.ts';
import { useStrings } from '../i18n.ts';
import type { PageProps } from '../page-props.ts';
import { MemberRoster } from '../components/MemberRoster.tsx';
import { PageFrame } from '../components/PageFrame.tsx';

export function RoomsProManagersPage({ api, access, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.roomsProManagers;
  const load = useCallback((signal: AbortSignal) => listRoomsProManagers(api, signal), [api]);
  const add = useCallback((m: MemberRef) => addRoomsProManager(api, m), [api]);
  const remove = useCallback((id: string) => removeRoomsProManager(api, id), [api]);
  return (
    <PageFrame
      title={t.title}
      intro={access.me.isGlobalAdmin ? t.intro : t.introReadOnly}
      focusHeading={focusHeading}
    >
      <MemberRoster
        api={api}
        text={t}
        canEdit={access.me.isGlobalAdmin}
        queryKey={['roomsProManagers']}
        load={load}
        add={add}
        remove={remove}
      />
    </PageFrame>
  );
}
