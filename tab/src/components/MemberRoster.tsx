/**
 * A list of users and groups holding one role in the caller's tenant (tenant managers, Teams
 * Rooms Pro Managers), with a directory search to add one and a confirmed Remove per member.
 */
import { useState } from 'react';
import {
  Button,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import type { DirectoryObject, Member, MemberRef } from '../api/directory.ts';
import { useStrings } from '../i18n.ts';
import { useNotify } from './Announcer.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorBar } from './ErrorBar.tsx';
import { MemberPicker } from './MemberPicker.tsx';
import { EmptyState, Loading } from './PageStates.tsx';
import type { QueryKey } from '@tanstack/react-query';
import { useLoad } from './useLoad.ts';

const useStyles = makeStyles({
  add: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, maxWidth: '560px' },
  grow: { flexGrow: 1 },
  table: { maxWidth: '760px' },
});

/** The words of one roster; every page passes its own, in both languages. */
export interface RosterText {
  tableLabel: string;
  loading: string;
  loadFailed: string;
  empty: string;
  addLabel: string;
  addFailed: string;
  removeFailed: string;
  added: (name: string) => string;
  removed: (name: string) => string;
  removeTitle: (name: string) => string;
  removeBody: (name: string) => string;
}

export interface MemberRosterProps {
  api: ApiClient;
  text: RosterText;
  /** May the caller add and remove (the service checks again). */
  canEdit: boolean;
  /** Names the list in the session's cache (e.g. `['tenantManagers']`). */
  queryKey: QueryKey;
  load: (signal: AbortSignal) => Promise<Member[]>;
  add: (member: MemberRef) => Promise<Member>;
  remove: (memberId: string) => Promise<void>;
}

export function MemberRoster({ api, text, canEdit, queryKey, load, add, remove }: MemberRosterProps) {
  const strings = useStrings();
  const styles = useStyles();
  const announce = useNotify();
  const restoreFocus = useRestoreFocusTarget();
  const { state, reload, update } = useLoad(queryKey, load);
  const [pick, setPick] = useState<DirectoryObject | null>(null);
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const submit = async () => {
    if (!pick) return;
    setBusy(true);
    setAddError(null);
    try {
      const added = await add({ type: pick.kind, id: pick.id });
      update((list) => [...list, added]);
      announce(text.added(added.displayName));
      setPick(null);
    } catch (error) {
      setAddError(error);
    }
    setBusy(false);
  };

  return (
    <>
      {canEdit ? (
        <form
          className={styles.add}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div className={styles.grow}>
            <MemberPicker
              api={api}
              label={text.addLabel}
              exclude={state.kind === 'ready' ? state.data.map((m) => m.id) : []}
              onPick={setPick}
            />
            {pick ? <Caption1>{strings.tenants.chosen(pick.displayName)}</Caption1> : null}
          </div>
          <Button type="submit" appearance="primary" disabledFocusable={!pick || busy}>
            {strings.common.add}
          </Button>
        </form>
      ) : null}
      {addError ? <ErrorBar title={text.addFailed} error={addError} /> : null}
      {state.kind === 'loading' ? <Loading label={text.loading} /> : null}
      {state.kind === 'failed' ? (
        <ErrorBar title={text.loadFailed} error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' && state.data.length === 0 ? <EmptyState>{text.empty}</EmptyState> : null}
      {state.kind === 'ready' && state.data.length > 0 ? (
        <Table aria-label={text.tableLabel} className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{strings.members.name}</TableHeaderCell>
              <TableHeaderCell>{strings.members.kind}</TableHeaderCell>
              {canEdit ? <TableHeaderCell>{strings.common.actions}</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {state.data.map((m) => (
              <TableRow key={m.id}>
                <TableCell>{m.displayName}</TableCell>
                <TableCell>{m.type === 'group' ? strings.members.group : strings.members.user}</TableCell>
                {canEdit ? (
                  <TableCell>
                    <Button
                      {...restoreFocus}
                      size="small"
                      aria-label={strings.members.remove(m.displayName)}
                      onClick={() => setRemoving(m)}
                    >
                      {strings.common.remove}
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={text.removeTitle(removing?.displayName ?? '')}
        confirmLabel={strings.common.remove}
        failedTitle={text.removeFailed}
        onConfirm={() => remove(removing!.id)}
        onClose={(done) => {
          const gone = removing;
          setRemoving(null);
          if (done && gone) {
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
