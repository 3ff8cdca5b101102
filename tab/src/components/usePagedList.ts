/**
 * A cursor-paginated list for a page: the first page through `useLoad` (reloaded when `deps`
 * change), then "Load more" appending the next page, with its own busy flag and failure.
 */
import { useState, type DependencyList } from 'react';
import type { Page } from '../api/client.ts';
import { useLoad, type Loaded } from './useLoad.ts';

export interface PagedList<T> extends Loaded<Page<T>> {
  more: { busy: boolean; error: unknown };
  /** The cursor of the next page once the list is ready, else undefined. */
  nextCursor: string | undefined;
  loadMore: () => void;
}

export function usePagedList<T>(
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
  /** Called with the first page and with each further page (to announce them). */
  on: { first?: (page: Page<T>) => void; more?: (page: Page<T>) => void },
  deps: DependencyList
): PagedList<T> {
  const loaded = useLoad(async (signal) => {
    const page = await fetchPage(undefined, signal);
    on.first?.(page);
    return page;
  }, deps);
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const nextCursor = loaded.state.kind === 'ready' ? loaded.state.data.nextCursor : undefined;

  const loadMore = () => {
    if (!nextCursor) return;
    setMore({ busy: true, error: null });
    fetchPage(nextCursor).then(
      (next) => {
        loaded.update((page) => ({ items: [...page.items, ...next.items], nextCursor: next.nextCursor }));
        on.more?.(next);
        setMore({ busy: false, error: null });
      },
      (error: unknown) => setMore({ busy: false, error })
    );
  };
  return { ...loaded, more, nextCursor, loadMore };
}
