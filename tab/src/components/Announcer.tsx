/**
 * One polite live region for the whole app. Pages announce results ("3 records", "Northwind
 * Traders accepted") so screen reader users hear what a button did without moving focus.
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { makeStyles } from '@fluentui/react-components';

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

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

/** The function that speaks a message through the live region. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

/** Provides `useAnnounce` and renders the live region. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [message, setMessage] = useState({ text: '', n: 0 });
  // A counter in the key re-creates the text node, so repeating a message is announced again.
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden}>
        <span key={message.n}>{message.text}</span>
      </div>
    </AnnounceContext.Provider>
  );
}
