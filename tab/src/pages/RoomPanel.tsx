/**
 * One room's detail pane with the actions the caller holds in this customer (from the
 * dropdown's granted permissions; the service checks each call over the room anyway): Modify,
 * Unenroll and Reset key (both confirmed), Download key (fetched with the token, saved as a file),
 * Record an issue.
 */
import { useState } from 'react';
import { Badge, Button, Spinner } from '@fluentui/react-components';
import type { CustomerOption } from '../api/customers.ts';
import {
  downloadEnrollmentKey,
  resetEnrollmentKey,
  unenrollRoom,
  type Room,
} from '../api/rooms.ts';
import { holds } from '../access.ts';
import { useStrings } from '../i18n.ts';
import { afterClose } from '../components/FormDialog.tsx';
import { OpenerButton } from '../components/OpenerButton.tsx';
import { useNotify } from '../components/Announcer.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DetailPanel, type PanelProps } from '../components/DetailPanel.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { saveBlob } from '../components/saveFile.ts';
import { useSharedStyles } from '../components/styles.ts';
import { HEALTH_COLOR, type RoomChoices } from './roomNames.ts';
import { RoomDialog } from './RoomDialog.tsx';
import { RecordIssueDialog } from './RecordIssueDialog.tsx';
import { isChangeRequest } from '../api/change-control.ts';

type Pending = 'unenroll' | 'reset' | null;

export function RoomPanel({
  api,
  customer,
  room,
  choices,
  onChanged,
  onClose,
}: PanelProps<Room, { customer: CustomerOption; room: Room; choices: RoomChoices }>) {
  const strings = useStrings();
  const t = strings.roomActions;
  const styles = useSharedStyles();
  const announce = useNotify();
  const control = useStrings().control;
  const [modifying, setModifying] = useState(false);
  const [recording, setRecording] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refocus, setRefocus] = useState(0);
  const cid = customer.tenantId;
  const { groupNames, rings } = choices;
  const unenrolled = room.enrollment.status === 'Unenrolled';

  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      const file = await downloadEnrollmentKey(api, cid, room.id);
      const name = file.fileName ?? `enrollment-key-${room.id}.json`;
      saveBlob(file.blob, name);
      announce(t.downloaded(name));
    } catch (failure) {
      setError(failure);
    }
    setDownloading(false);
  };

  const confirm = async () => {
    if (pending === 'unenroll') {
      const result: unknown = await unenrollRoom(api, cid, room.id);
      // Under the customer's Manual change control the change waits for approval (202).
      if (isChangeRequest(result)) return announce(control.sentForApproval(room.displayName));
      onChanged(result as typeof room);
      announce(t.unenrolled(room.displayName));
    } else if (pending === 'reset') {
      const key: unknown = await resetEnrollmentKey(api, cid, room.id);
      if (isChangeRequest(key)) return announce(control.sentForApproval(room.displayName));
      if (!key || typeof key !== 'object' || !('keyVersion' in key)) return;
      onChanged({
        ...room,
        enrollment: { ...room.enrollment, keyVersion: (key as { keyVersion: number }).keyVersion },
      });
      announce(t.resetDone(room.displayName, (key as { keyVersion: number }).keyVersion));
    }
  };

  const groups = room.groupIds
    .map((id) => groupNames.get(id))
    .filter(Boolean)
    .join(', ');
  const ring = rings.find((r) => r.id === room.ringId);
  const rooms = strings.rooms;

  return (
    <DetailPanel
      title={room.displayName}
      subtitle={`${room.site} (${room.country})`}
      closeLabel={t.closePanel}
      onClose={onClose}
      focusKey={room.id}
      focusRequest={refocus}
    >
      <dl className={styles.facts} aria-label={t.facts}>
        <dt className={styles.term}>{rooms.health}</dt>
        <dd className={styles.value}>
          <Badge appearance="tint" color={HEALTH_COLOR[room.health]}>
            {rooms.healthNames[room.health]}
          </Badge>
        </dd>
        <dt className={styles.term}>{rooms.groups}</dt>
        <dd className={styles.value}>{groups || '—'}</dd>
        {ring ? (
          <>
            <dt className={styles.term}>{t.ring}</dt>
            <dd className={styles.value}>{ring.displayName}</dd>
          </>
        ) : null}
        <dt className={styles.term}>{rooms.enrollment}</dt>
        <dd className={styles.value}>{rooms.enrollmentNames[room.enrollment.status]}</dd>
        <dt className={styles.term}>{t.keyVersion}</dt>
        <dd className={styles.value}>{room.enrollment.keyVersion}</dd>
      </dl>
      <div className={styles.row}>
        {holds(customer, 'rooms.modify') ? (
          <OpenerButton onClick={() => setModifying(true)}>{t.modify}</OpenerButton>
        ) : null}
        {holds(customer, 'rooms.downloadKey') ? (
          <Button
            disabledFocusable={downloading}
            icon={downloading ? <Spinner size="tiny" /> : undefined}
            onClick={() => void download()}
          >
            {t.downloadKey}
          </Button>
        ) : null}
        {holds(customer, 'rooms.resetKey') ? (
          <OpenerButton onClick={() => setPending('reset')}>{t.resetKey}</OpenerButton>
        ) : null}
        {holds(customer, 'rooms.unenroll') && !unenrolled ? (
          <OpenerButton onClick={() => setPending('unenroll')}>{t.unenroll}</OpenerButton>
        ) : null}
        {holds(customer, 'reports.createIncident') ? (
          <OpenerButton onClick={() => setRecording(true)}>{t.recordIssue}</OpenerButton>
        ) : null}
      </div>
      {error ? <ErrorBar title={t.failed} error={error} /> : null}

      {modifying ? (
        <RoomDialog
          api={api}
          customer={customer}
          room={room}
          choices={choices}
          onClose={afterClose(setModifying, false, (saved) => {
            onChanged(saved);
            announce(t.modified(saved.displayName));
          })}
        />
      ) : null}
      {recording ? (
        <RecordIssueDialog
          api={api}
          customerTenantId={cid}
          room={room}
          onClose={afterClose(setRecording, false, () => {
            // The room is Important while a recorded issue is open (the service derives it).
            onChanged({ ...room, health: 'Important' });
            announce(t.recorded(room.displayName));
          })}
        />
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending === 'unenroll'
            ? t.unenrollTitle(room.displayName)
            : t.resetTitle(room.displayName)
        }
        confirmLabel={pending === 'unenroll' ? t.unenroll : t.resetKey}
        failedTitle={t.failed}
        onConfirm={confirm}
        onClose={(done) => {
          const was = pending;
          setPending(null);
          // Unenroll removes its own button: focus goes back to the pane's title.
          if (done && was === 'unenroll') setRefocus((n) => n + 1);
        }}
      >
        {pending === 'unenroll' ? t.unenrollBody : t.resetBody}
      </ConfirmDialog>
    </DetailPanel>
  );
}
