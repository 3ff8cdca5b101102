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
  /**
   * The submit's state (from {@link useSubmit} given `onClose`): busy, the failure shown above the actions,
   * and `cancel` for Cancel, Escape or a click outside (ignored while busy).
   */
  submit: Pick<DialogSubmit<unknown>, 'busy' | 'error' | 'cancel'>;
  /** The title of that failure's bar. */
  errorTitle: string;
  onSubmit: () => void;
  /** Cancelling when it closes with more than null (e.g. a wizard that created a role). */
  onCancel?: () => void;
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
      onCancel={props.onCancel ?? props.submit.cancel}
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

/**
 * The submit of a dialog ({@link DialogProps}): `save` runs the action and closes the dialog with
 * what it answered (null: nothing was saved), `cancel` closes it with null.
 */
export interface DialogSubmit<Result> extends Submit {
  save: (
    action: () => Promise<Result | null>,
    claim?: (error: unknown) => boolean
  ) => Promise<boolean>;
  cancel: () => void;
}

/** A submit's state; given the dialog's `onClose`, the dialog's submit. */
export function useSubmit(): Submit;
export function useSubmit<Result>(onClose: (result: Result | null) => void): DialogSubmit<Result>;
export function useSubmit<Result>(onClose?: (result: Result | null) => void) {
  const submit = useSubmitState();
  if (!onClose) return submit;
  return {
    ...submit,
    save: (action: () => Promise<Result | null>, claim?: (error: unknown) => boolean) =>
      submit.run(async () => onClose(await action()), claim),
    cancel: () => onClose(null),
  };
}

function useSubmitState(): Submit {
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
