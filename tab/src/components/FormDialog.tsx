/**
 * The one modal form of the tab: a Fluent Dialog whose surface holds a `<form>` (Enter submits),
 * the title, the fields, the service error and the actions (Cancel, then the primary submit with
 * a spinner while busy). Closing is refused while busy; Fluent returns focus to the opener.
 * Pair it with {@link useSubmit}, which keeps the busy flag and the failure.
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/client.ts';
import { useStrings } from '../i18n.ts';
import { DialogShell } from './DialogShell.tsx';
import { useSharedStyles } from './styles.ts';

/**
 * The props of a dialog that acts through the API: its own (`Own`), the client, and `onClose`
 * with what the dialog saved, or null when it was cancelled.
 */
export type DialogProps<Result, Own = object> = Own & {
  api: ApiClient;
  onClose: (result: Result | null) => void;
};

export interface FormDialogProps {
  title: string;
  /** The primary button; "Save" when not given. */
  submitLabel?: string;
  /** The submit's state (from {@link useSubmit}): busy, and the failure shown above the actions. */
  submit: Pick<Submit, 'busy' | 'error'>;
  /** The title of that failure's bar. */
  errorTitle: string;
  onSubmit: () => void;
  /** Cancel, Escape or a click outside (ignored while busy). */
  onCancel: () => void;
  children: ReactNode;
  /** Buttons before Cancel (e.g. a wizard's Back). */
  extraActions?: ReactNode;
  /** A wider surface for dense forms (the role wizard). */
  wide?: boolean;
}

export function FormDialog(props: FormDialogProps) {
  const strings = useStrings();
  const styles = useSharedStyles();
  const { busy, error } = props.submit;
  return (
    <DialogShell
      title={props.title}
      busy={busy}
      error={error}
      errorTitle={props.errorTitle}
      primaryLabel={props.submitLabel ?? strings.common.save}
      onCancel={props.onCancel}
      extraActions={props.extraActions}
      surfaceClassName={props.wide ? styles.wideSurface : undefined}
      contentClassName={styles.column}
      wrap={(body) => (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) props.onSubmit();
          }}
        >
          {body}
        </form>
      )}
    >
      {props.children}
    </DialogShell>
  );
}

/** The state of one submit: busy while it runs, the failure it ended with. */
export interface Submit {
  busy: boolean;
  error: unknown;
  /**
   * Runs the action; true when it succeeded. A failure is kept in `error` unless `claim` takes it
   * (returns true), e.g. to show it on the field its code names.
   */
  run: (action: () => Promise<unknown>, claim?: (error: unknown) => boolean) => Promise<boolean>;
  clear: () => void;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>, claim?: (error: unknown) => boolean) => {
      setBusy(true);
      setError(null);
      try {
        await action();
        setBusy(false);
        return true;
      } catch (failure) {
        setBusy(false);
        if (!claim?.(failure)) setError(failure);
        return false;
      }
    },
    []
  );
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}

/**
 * The `onClose` an opener gives its dialog (or confirmation): `setOpen(closed)` hides the dialog,
 * then `then` runs with what the dialog saved, unless it was cancelled (null or false).
 */
export function afterClose<S, R>(
  setOpen: (closed: S) => void,
  closed: S,
  then: (result: R) => void
) {
  return (result: R | null | false) => {
    setOpen(closed);
    if (result !== null && result !== false) then(result);
  };
}
