/**
 * A confirmation for destructive actions (decline, remove): an alert dialog whose Cancel button
 * has the initial focus, that stays open with the service's error when the action fails, and
 * closes only once it succeeded. Fluent's Dialog returns focus to the opener on close.
 */
import { useState, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';
import { ErrorBar } from './ErrorBar.tsx';

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
  const strings = useStrings();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = (confirmed: boolean) => {
    setError(null);
    props.onClose(confirmed);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      setBusy(false);
      close(true);
    } catch (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <Dialog
      modalType="alert"
      open={props.open}
      onOpenChange={(_, data) => {
        if (!data.open && !busy) close(false);
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            {props.children}
            {error ? <ErrorBar title={props.failedTitle} error={error} /> : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="secondary"
              autoFocus
              disabledFocusable={busy}
              onClick={() => close(false)}
            >
              {strings.common.cancel}
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              onClick={() => void confirm()}
            >
              {props.confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
