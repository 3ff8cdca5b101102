/**
 * Teams Rooms Pro Managers of the caller's tenant. Everyone with the page sees the list; only a
 * Global admin assigns or removes the role.
 */
import {
  addRoomsProManager,
  listRoomsProManagers,
  removeRoomsProManager,
} from '../api/directory.ts';
import { useStrings } from '../i18n.ts';
import type { PageProps } from '../page-props.ts';
import { MemberRoster, type RosterSource } from '../components/MemberRoster.tsx';
import { PageFrame } from '../components/PageFrame.tsx';

const ROOMS_PRO_MANAGERS: RosterSource = {
  key: ['roomsProManagers'],
  list: listRoomsProManagers,
  add: addRoomsProManager,
  remove: removeRoomsProManager,
};

export function RoomsProManagersPage({ api, access, focusHeading }: PageProps) {
  const t = useStrings().roomsProManagers;
  const admin = access.me.isGlobalAdmin;
  return (
    <PageFrame
      title={t.title}
      intro={admin ? t.intro : t.introReadOnly}
      focusHeading={focusHeading}
    >
      <MemberRoster api={api} text={t} canEdit={admin} source={ROOMS_PRO_MANAGERS} />
    </PageFrame>
  );
}
