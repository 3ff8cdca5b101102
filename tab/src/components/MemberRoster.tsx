/**
 * A list of users and groups holding one role in the caller's tenant (tenant managers, Teams
 * Rooms Pro Managers), with a directory search to add one and a confirmed Remove per member.
 */
import { useRef, useState } from 'react';
import { Caption1, makeStyles } from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import type { DirectoryObject, Member, MemberRef } from '../api/directory.ts';
import { useStrings, type RosterText } from '../i18n.ts';
import { useNotify } from './Announcer.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorBar } from './ErrorBar.tsx';
import { AddMemberForm } from './MemberPicker.tsx';
import { LoadedTable } from './PagedTable.tsx';
import { actionsColumn } from './SimpleTable.tsx';
import type { QueryKey } from '@tanstack/react-query';
import { useLoad } from './useLoad.ts';

const useStyles = makeStyles({
  table: { maxWidth: '760px' },
});

/** Where a roster's members live: its name in the session's cache, and the API calls. */
export interface RosterSource {
  key: QueryKey;
  list: (api: ApiClient, signal: AbortSignal) => Promise<Member[]>;
  /** The member added, or `'waits'`: the change waits for a customer's approval (Manual). */
  add: (api: ApiClient, member: MemberRef) => Promise<Member | 'waits'>;
  remove: (api: ApiClient, memberId: string) => Promise<void | 'waits'>;
}

export interface MemberRosterProps {
  api: ApiClient;
  text: RosterText;
  /** May the caller add and remove (the service checks again). */
  canEdit: boolean;
  source: RosterSource;
  /** The roster keeps at least one member: the last one's Remove is disabled, with this hint. */
  keepOne?: string;
}

export function MemberRoster({ api, text, canEdit, source, keepOne }: MemberRosterProps) {
  const strings = useStrings();
  const styles = useStyles();
  const announce = useNotify();
  const { state, reload, update } = useLoad(source.key, (signal) => source.list(api, signal));
  const [pick, setPick] = useState<DirectoryObject | null>(null);
  const [busy, setBusy] = useState(false);
  /** The last removal waits for a customer's approval (Manual change control). */
  const removalWaits = useRef(false);
  const [addError, setAddError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const count = state.kind === 'ready' ? state.data.length : 0;
  const keepLast = keepOne !== undefined && count <= 1;

  const submit = async () => {
    if (!pick) return;
    setBusy(true);
    setAddError(null);
    try {
      const added = await source.add(api, { type: pick.kind, id: pick.id });
      if (added === 'waits') announce(strings.control.sentForApproval(pick.displayName));
      else {
        update((list) => [...list, added]);
        announce(text.added(added.displayName));
      }
      setPick(null);
    } catch (error) {
      setAddError(error);
    }
    setBusy(false);
  };

  return (
    <>
      {canEdit ? (
        <AddMemberForm
          api={api}
          label={text.addLabel}
          exclude={state.kind === 'ready' ? state.data.map((m) => m.id) : []}
          pick={pick}
          onPick={setPick}
          busy={busy}
          onAdd={() => void submit()}
        />
      ) : null}
      {addError ? <ErrorBar title={text.addFailed} error={addError} /> : null}
      <LoadedTable
        loaded={{ state, reload }}
        text={text}
        label={text.tableLabel}
        size="medium"
        className={styles.table}
        rowKey={(m) => m.id}
        columns={[
          { header: strings.members.name, cell: (m) => m.displayName },
          {
            header: strings.members.kind,
            cell: (m) => (m.type === 'group' ? strings.members.group : strings.members.user),
          },
          canEdit &&
            actionsColumn(strings.common.actions, (m: Member) => [
              {
                text: strings.common.remove,
                name: strings.members.remove(m.displayName),
                disabled: keepLast,
                onClick: () => setRemoving(m),
              },
            ]),
        ]}
      />
      {canEdit && keepLast && count === 1 ? <Caption1>{keepOne}</Caption1> : null}
      <ConfirmDialog
        open={removing !== null}
        title={text.removeTitle(removing?.displayName ?? '')}
        confirmLabel={strings.common.remove}
        failedTitle={text.removeFailed}
        onConfirm={async () => {
          removalWaits.current = (await source.remove(api, removing!.id)) === 'waits';
        }}
        onClose={(done) => {
          const gone = removing;
          setRemoving(null);
          if (done && gone && removalWaits.current) {
            announce(strings.control.sentForApproval(gone.displayName));
          } else if (done && gone) {
            update((list) => list.filter((m) => m.id !== gone.id));
            announce(text.removed(gone.displayName));
          }
        }}
      >
        {text.removeBody(removing?.displayName ?? '')}
      </ConfirmDialog>
    </>
  );
}
