/** The frame of every management page: its h2 (focused after navigation), an intro, actions. */
import type { ReactNode } from 'react';
import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from './PageHeading.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  paragraph: { margin: 0, maxWidth: '72ch', color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const TITLE_ID = 'page-title';

/**
 * Moves focus to the page title, for when the control that had it is gone (the row of a declined
 * invitation, a removed customer): focus would otherwise fall to the top of the document.
 */
export function focusPageTitle(): void {
  setTimeout(() => document.getElementById(TITLE_ID)?.focus(), 0);
}

export interface PageFrameProps {
  title: string;
  intro?: ReactNode;
  focusHeading?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}

export function PageFrame({ title, intro, focusHeading, actions, children }: PageFrameProps) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <div className={styles.top}>
        <div className={styles.intro}>
          <PageHeading id={TITLE_ID} focusOnMount={focusHeading}>
            {title}
          </PageHeading>
          {intro ? (
            <Body1 as="p" className={styles.paragraph}>
              {intro}
            </Body1>
          ) : null}
        </div>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
