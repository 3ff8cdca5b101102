/**
 * A cursor-paginated list for a page (TanStack Query's infinite query): the first page, reloaded
 * when the key changes, then "Load more" appending the next page, with its own busy flag and
 * failure.
 */
import { useCallback, useRef } from 'react';
import {
  useInfiniteQuery,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
} from '@tanstack/react-query';
import type { Page } from '../api/client.ts';
import { loadStateOf, type Loaded } from './useLoad.ts';

export interface PagedList<T> extends Loaded<Page<T>> {
  more: { busy: boolean; error: unknown };
  /** The cursor of the next page once the list is ready, else undefined. */
  nextCursor: string | undefined;
  loadMore: () => void;
}

export function usePagedList<T>(
  key: QueryKey,
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
  /** Called with the first page and with each further page (to announce them). */
  on: { first?: (page: Page<T>) => void; more?: (page: Page<T>) => void } = {}
): PagedList<T> {
  const client = useQueryClient();
  const announce = useRef(on);
  announce.current = on;
  const query = useInfiniteQuery({
    queryKey: key,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => last.nextCursor,
    queryFn: async ({ pageParam, signal }) => {
      const page = await fetchPage(pageParam, signal);
      if (pageParam === undefined) announce.current.first?.(page);
      else announce.current.more?.(page);
      return page;
    },
  });
  const { data, refetch, fetchNextPage } = query;
  // The pages drawn as one list; a failed "Load more" keeps what was loaded.
  const list: Page<T> | undefined = data && {
    items: data.pages.flatMap((p) => p.items),
    nextCursor: data.pages[data.pages.length - 1]?.nextCursor,
  };
  const state = loadStateOf({ ...query, data: list });
  const hash = JSON.stringify(key);
  const update = useCallback(
    (change: (page: Page<T>) => Page<T>) =>
      client.setQueryData<InfiniteData<Page<T>, string | undefined>>(
        JSON.parse(hash) as QueryKey,
        (current) => {
          if (!current) return current;
          const merged = change({
            items: current.pages.flatMap((p) => p.items),
            nextCursor: current.pages[current.pages.length - 1]?.nextCursor,
          });
          // The changed list stands as one page; its last cursor still loads what follows.
          return { pages: [merged], pageParams: [current.pageParams[0]] };
        }
      ),
    [client, hash]
  );
  const reload = useCallback(() => void refetch(), [refetch]);
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);
  return {
    state,
    reload,
    update,
    more: {
      busy: query.isFetchingNextPage,
      error: query.isFetchNextPageError ? query.error : null,
    },
    nextCursor: state.kind === 'ready' ? list?.nextCursor : undefined,
    loadMore,
  };
}
