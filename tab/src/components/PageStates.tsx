/** Small shared pieces of every page: the loading spinner, the empty state, "Load more", load states. */
import type { ReactNode } from 'react';
import { Body1, Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';
import { ErrorBar } from './ErrorBar.tsx';
import type { LoadState } from './useLoad.ts';

const useStyles = makeStyles({
  empty: {
    margin: 0,
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  more: { alignSelf: 'flex-start' },
});

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} />;
}

export function EmptyState({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Body1 as="p" className={styles.empty}>
      {children}
    </Body1>
  );
}

export function LoadMore({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <Button
      className={styles.more}
      disabledFocusable={busy}
      icon={busy ? <Spinner size="tiny" /> : undefined}
      onClick={onClick}
    >
      {strings.common.loadMore}
    </Button>
  );
}

/** The spinner, or the failure with a retry, of something not loaded yet. */
export function NotLoaded({
  loaded,
  loading,
  failed,
}: {
  loaded: { state: LoadState<unknown>; reload: () => void };
  loading: string;
  failed: string;
}) {
  const { state } = loaded;
  return state.kind === 'failed' ? (
    <ErrorBar title={failed} error={state.error} onRetry={loaded.reload} />
  ) : (
    <Loading label={loading} />
  );
}

/**
 * The three states of a loaded list or object: a spinner, the failure with a retry, then the
 * content, or the empty state when `isEmpty` says so.
 */
export function LoadStates<T>({
  loaded,
  loading,
  failed,
  empty,
  isEmpty,
  children,
}: {
  loaded: { state: LoadState<T>; reload: () => void };
  loading: string;
  failed: string;
  empty?: string;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { state } = loaded;
  if (state.kind !== 'ready')
    return <NotLoaded loaded={loaded} loading={loading} failed={failed} />;
  if (empty && isEmpty?.(state.data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(state.data)}</>;
}
