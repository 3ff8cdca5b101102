/**
 * The frame both modal dialogs share (FormDialog, ConfirmDialog): a Fluent Dialog with its title,
 * content, the failure bar, Cancel and the primary button (a spinner while busy). Closing by
 * Escape or a click outside is refused while busy; Fluent returns focus to the opener.
 */
import type { ReactNode } from 'react';
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

export interface DialogShellProps {
  /** An alert dialog (a destructive confirmation), whose Cancel takes the initial focus. */
  alert?: boolean;
  title: string;
  busy: boolean;
  /** The failure shown above the actions, under the title `errorTitle`. */
  error: unknown;
  errorTitle: string;
  /** The primary button's label; it submits the form, or runs `onPrimary`. */
  primaryLabel: string;
  onPrimary?: () => void;
  onCancel: () => void;
  /** Buttons before Cancel (e.g. a wizard's Back). */
  extraActions?: ReactNode;
  surfaceClassName?: string;
  contentClassName?: string;
  /** Wraps the body (the form of a FormDialog). */
  wrap?: (body: ReactNode) => ReactNode;
  children: ReactNode;
}

export function DialogShell(props: DialogShellProps) {
  const strings = useStrings();
  const { busy } = props;
  const body = (
    <DialogBody>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent className={props.contentClassName}>
        {props.children}
        {props.error ? <ErrorBar title={props.errorTitle} error={props.error} /> : null}
      </DialogContent>
      <DialogActions>
        {props.extraActions}
        <Button autoFocus={props.alert} disabledFocusable={busy} onClick={props.onCancel}>
          {strings.common.cancel}
        </Button>
        <Button
          type={props.onPrimary ? 'button' : 'submit'}
          appearance="primary"
          disabledFocusable={busy}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          onClick={props.onPrimary}
        >
          {props.primaryLabel}
        </Button>
      </DialogActions>
    </DialogBody>
  );
  return (
    <Dialog
      modalType={props.alert ? 'alert' : undefined}
      open
      onOpenChange={(_, data) => {
        if (!data.open && !busy) props.onCancel();
      }}
    >
      <DialogSurface className={props.surfaceClassName}>
        {props.wrap ? props.wrap(body) : body}
      </DialogSurface>
    </Dialog>
  );
}
