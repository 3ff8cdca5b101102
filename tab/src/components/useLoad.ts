/**
 * Loads data for a page through TanStack Query: one cache per signed-in session (`QueryProvider`,
 * mounted by the shell), keyed by what was asked (`queryKeys`), so returning to a page shows what
 * it showed and refreshes it; requests are aborted when the inputs change or the page goes away.
 * A mutation invalidates the queries it changed (`useInvalidate`). This module only adapts
 * TanStack's result to the three states the pages draw (`LoadState`).
 */
import { useCallback, useState, type ReactNode } from 'react';
import {
  QueryClient,
  QueryClientProvider,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { createElement } from 'react';

export type LoadState<T> =
  { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'failed'; error: unknown };

export interface Loaded<T> {
  state: LoadState<T>;
  reload: () => void;
  /** Replace the loaded data in place (after a mutation that answered the new value). */
  update: (change: (data: T) => T) => void;
}

/** The cache of one signed-in session; the shell mounts it, so a new user starts empty. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Shown data is refreshed whenever a page shows it again (stale at once); a failure is
          // shown at once with a retry button; focus alone does not reload a page.
          queries: { staleTime: 0, retry: false, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      })
  );
  return createElement(QueryClientProvider, { client }, children);
}

/** What the page shows, from TanStack's status: data wins over a failed background refresh. */
export function loadStateOf<T>(query: {
  data: T | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
}): LoadState<T> {
  if (query.data !== undefined) return { kind: 'ready', data: query.data };
  // A retry after a failure shows the spinner again, as the first load did.
  if (query.isError && !query.isFetching) return { kind: 'failed', error: query.error };
  return { kind: 'loading' };
}

export function useLoad<T>(key: QueryKey, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const client = useQueryClient();
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => load(signal) });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const hash = JSON.stringify(key);
  const update = useCallback(
    (change: (data: T) => T) =>
      client.setQueryData<T>(JSON.parse(hash) as QueryKey, (data) =>
        data === undefined ? data : change(data)
      ),
    // The key's content, not its identity, names the query.
    [client, hash]
  );
  return { state: loadStateOf(query), reload, update };
}

/** Marks queries as changed (by key prefix): those on screen reload, the others when next shown. */
export function useInvalidate(): (...keys: QueryKey[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...keys: QueryKey[]) => {
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
    [client]
  );
}
