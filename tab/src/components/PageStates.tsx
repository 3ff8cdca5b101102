/** Small shared pieces of every page: the loading spinner, the empty state, "Load more". */
import type { ReactNode } from 'react';
import { Body1, Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';

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
