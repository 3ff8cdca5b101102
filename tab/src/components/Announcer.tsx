/**
 * How the app tells people what happened, seen and heard:
 * - `useAnnounce()` speaks a message through one polite live region (list counts such as
 *   "3 records"), without showing anything;
 * - `useNotify()` confirms the outcome of an action (Accept, Send invitation, Save…) with a visible
 *   Fluent toast and speaks the same words, so sighted users no longer see only a row vanish.
 * Errors stay beside what failed (an error MessageBar in the dialog or page); MessageBars are
 * announced by Fluent through the `AriaLiveAnnouncer` that wraps the app.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import {
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  useId,
  useToastController,
  type ToastIntent,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  // Visually hidden but read by assistive technology.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** How long a confirmation stays on screen (it pauses while hovered or the window is blurred). */
export const NOTICE_TIMEOUT_MS = 8_000;

const AnnounceContext = createContext<(message: string) => void>(() => undefined);
const NotifyContext = createContext<(message: string, intent?: ToastIntent) => void>(
  () => undefined
);

/** The function that speaks a message through the live region. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

/**
 * The function that confirms an action: a visible toast (success unless told otherwise) and the
 * same message in the live region.
 */
export function useNotify(): (message: string, intent?: ToastIntent) => void {
  return useContext(NotifyContext);
}

/** Provides `useAnnounce` and `useNotify`, and renders the live region and the toaster. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const toasterId = useId('notices');
  const { dispatchToast } = useToastController(toasterId);
  const [message, setMessage] = useState({ text: '', n: 0 });
  // A counter in the key re-creates the text node, so repeating a message is announced again.
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), []);
  const notify = useCallback(
    (text: string, intent: ToastIntent = 'success') => {
      dispatchToast(
        <Toast>
          <ToastTitle>{text}</ToastTitle>
        </Toast>,
        { intent, timeout: NOTICE_TIMEOUT_MS, pauseOnHover: true, pauseOnWindowBlur: true }
      );
      announce(text);
    },
    [dispatchToast, announce]
  );
  // The live region below speaks every notice once; the toaster must not speak it again.
  const silent = useMemo(() => () => undefined, []);
  return (
    <AnnounceContext.Provider value={announce}>
      <NotifyContext.Provider value={notify}>
        {children}
        <Toaster toasterId={toasterId} position="top-end" announce={silent} limit={3} />
        <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden}>
          <span key={message.n}>{message.text}</span>
        </div>
      </NotifyContext.Provider>
    </AnnounceContext.Provider>
  );
}
