/**
 * The body of a list page: a spinner while the first page loads, the failure with a retry, the
 * empty state, the items (a table by default), then a failed "Load more" and the "Load more"
 * button while the service says there is more. `LoadedTable` is the same for a list loaded whole.
 */
import type { ReactNode } from 'react';
import type { Page } from '../api/client.ts';
import { ErrorBar } from './ErrorBar.tsx';
import { EmptyState, LoadMore, LoadStates, Loading } from './PageStates.tsx';
import { SimpleTable, type SimpleTableProps } from './SimpleTable.tsx';
import type { LoadState } from './useLoad.ts';

/** A list as a page holds it: its first page's state, a retry and, when paged, "Load more". */
export interface ListSource<T> {
  state: LoadState<Page<T>>;
  reload: () => void;
  /** Present for lists that page: the next page's cursor, its loading and its failure. */
  nextCursor?: string | undefined;
  more?: { busy: boolean; error: unknown };
  loadMore?: () => void;
}

export interface ListTexts {
  loading: string;
  loadFailed: string;
  empty: ReactNode;
}

/** The states of a list around its items, drawn by `children`. */
export function PagedList<T>({
  list,
  text,
  children,
}: {
  list: ListSource<T>;
  text: ListTexts;
  children: (items: readonly T[]) => ReactNode;
}) {
  const { state } = list;
  return (
    <>
      {state.kind === 'loading' ? <Loading label={text.loading} /> : null}
      {state.kind === 'failed' ? (
        <ErrorBar title={text.loadFailed} error={state.error} onRetry={list.reload} />
      ) : null}
      {state.kind === 'ready' && state.data.items.length === 0 ? (
        <EmptyState>{text.empty}</EmptyState>
      ) : null}
      {state.kind === 'ready' && state.data.items.length > 0 ? children(state.data.items) : null}
      {list.more?.error ? <ErrorBar title={text.loadFailed} error={list.more.error} /> : null}
      {list.nextCursor && list.loadMore ? (
        <LoadMore busy={list.more?.busy ?? false} onClick={list.loadMore} />
      ) : null}
    </>
  );
}

/** A list page's table (named by `label`) inside the list's states. */
export function PagedTable<T>({
  list,
  text,
  ...table
}: { list: ListSource<T>; text: ListTexts } & Omit<SimpleTableProps<T>, 'rows'>) {
  return (
    <PagedList list={list} text={text}>
      {(rows) => <SimpleTable {...table} rows={rows} />}
    </PagedList>
  );
}

/** A table (named by `label`) of a list loaded whole, inside its load states. */
export function LoadedTable<T>({
  loaded,
  text,
  ...table
}: {
  loaded: { state: LoadState<T[]>; reload: () => void };
  /** Without `empty`, an empty list is an empty table. */
  text: Omit<ListTexts, 'empty'> & { empty?: string };
} & Omit<SimpleTableProps<T>, 'rows'>) {
  return (
    <LoadStates
      loaded={loaded}
      loading={text.loading}
      failed={text.loadFailed}
      empty={text.empty}
      isEmpty={(rows) => rows.length === 0}
    >
      {(rows) => <SimpleTable {...table} rows={rows} />}
    </LoadStates>
  );
}
