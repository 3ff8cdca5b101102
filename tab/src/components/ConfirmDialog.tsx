/**
 * A confirmation for destructive actions (decline, remove): an alert dialog whose Cancel button
 * has the initial focus, that stays open with the service's error when the action fails, and
 * closes only once it succeeded. Fluent's Dialog returns focus to the opener on close.
 */
import type { ReactNode } from 'react';
import { DialogShell } from './DialogShell.tsx';
import { useSubmit } from './FormDialog.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The label of the confirming button, e.g. "Decline". */
  confirmLabel: string;
  /** Title of the error bar when the action fails. */
  failedTitle: string;
  onConfirm: () => Promise<void>;
  /** Called after a cancel, or after `onConfirm` resolved. */
  onClose: (confirmed: boolean) => void;
}

/**
 * Mounted only while open: a Fluent Dialog, even closed, starts Tabster's modal support, whose
 * page-wide hidden focus guards screen readers (and axe) report on every page holding one.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return props.open ? <OpenConfirmDialog {...props} /> : null;
}

function OpenConfirmDialog(props: ConfirmDialogProps) {
  const submit = useSubmit();

  const close = (confirmed: boolean) => {
    submit.clear();
    props.onClose(confirmed);
  };

  const confirm = async () => {
    if (await submit.run(props.onConfirm)) close(true);
  };

  return (
    <DialogShell
      alert
      title={props.title}
      busy={submit.busy}
      error={submit.error}
      errorTitle={props.failedTitle}
      primaryLabel={props.confirmLabel}
      onPrimary={() => void confirm()}
      onCancel={() => close(false)}
    >
      {props.children}
    </DialogShell>
  );
}
