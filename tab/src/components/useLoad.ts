/**
 * Loads data for a page: aborts the request when the inputs change or the page goes away, and
 * exposes a `reload` for retries and after mutations.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export type LoadState<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; data: T }
  | { kind: 'failed'; error: unknown };

export interface Loaded<T> {
  state: LoadState<T>;
  reload: () => void;
  /** Replace the loaded data in place (after a mutation that answered the new value). */
  update: (change: (data: T) => T) => void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const lastAttempt = useRef(attempt);

  useEffect(() => {
    const abort = new AbortController();
    // A reload keeps the loaded data on screen until the new data arrives: unmounting the page
    // would drop the focus of whoever just closed a dialog (it returns to its opener).
    const reloading = lastAttempt.current !== attempt;
    lastAttempt.current = attempt;
    setState((current) => (reloading && current.kind === 'ready' ? current : { kind: 'loading' }));
    load(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ kind: 'ready', data });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ kind: 'failed', error });
      }
    );
    return () => abort.abort();
    // The caller lists what `load` depends on, like useEffect's own dependency list.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setState((current) =>
        current.kind === 'ready' ? { kind: 'ready', data: change(current.data) } : current
      ),
    []
  );
  return { state, reload, update };
}
