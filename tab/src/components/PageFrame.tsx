/** The frame of every management page: its h1 (focused after navigation), an intro, actions. */
import type { ReactNode } from 'react';
import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { OpenerButton } from './OpenerButton.tsx';
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

/** The page's primary action (New ring, Onboard room…); false when the caller may not take it. */
export type PageCreate = { label: string; onClick: () => void } | false;

/**
 * The frame of a page about the chosen customer: its title, its intro naming the customer, and
 * the primary action when the caller holds it.
 */
export function CustomerPageFrame({
  text,
  customer,
  focusHeading,
  create = false,
  children,
}: {
  text: { title: string; intro: (customerName: string) => string };
  customer: { displayName: string };
  focusHeading?: boolean;
  create?: PageCreate;
  children: ReactNode;
}) {
  return (
    <PageFrame
      title={text.title}
      intro={text.intro(customer.displayName)}
      focusHeading={focusHeading}
      actions={
        create ? (
          <OpenerButton appearance="primary" onClick={create.onClick}>
            {create.label}
          </OpenerButton>
        ) : undefined
      }
    >
      {children}
    </PageFrame>
  );
}
