/**
 * The page frame: a skip link, the app header (title, signed-in user, switch-user action) and
 * the main landmark. Every screen renders inside it, so the landmarks exist exactly once (the h1 is each screen's own title).
 */
import type { MouseEvent, ReactNode } from 'react';
import { Button, Persona, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';
import { BrandMark } from './BrandMark.tsx';

/** The signed-in user as the header shows them. */
export interface LayoutUser {
  displayName: string;
  tenantName: string;
}

/** Props of {@link Layout}. */
export interface LayoutProps {
  /** The signed-in user, shown in the header once known. */
  user?: LayoutUser;
  /** Present only for dev sign-in sessions: Teams users cannot switch accounts here. */
  onSwitchUser?: () => void;
  /** The navigation beside the main content, once the user is signed in. */
  nav?: ReactNode;
  /**
   * The screen has no title of its own (starting, a failure before any page): the app name is
   * then its h1. Otherwise the page's title is (PageHeading) and the app name is the brand.
   */
  brandHeading?: boolean;
  children: ReactNode;
}

const MAIN_ID = 'main-content';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  skipLink: {
    position: 'absolute',
    insetInlineStart: tokens.spacingHorizontalM,
    top: '-100px',
    zIndex: 1,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    boxShadow: tokens.shadow8,
    ':focus': { top: tokens.spacingVerticalS },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minHeight: '48px',
    paddingInline: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow2,
  },
  title: {
    margin: 0,
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  spacer: { flexGrow: 1 },
  account: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    paddingBlock: tokens.spacingVerticalXS,
  },
  persona: {
    // On phones the title and the switch button need the room; the avatar alone remains.
    '@media (max-width: 600px)': {
      '& .fui-Persona__primaryText, & .fui-Persona__secondaryText': { display: 'none' },
    },
  },
  switchUser: { whiteSpace: 'nowrap', flexShrink: 0 },
  body: {
    flexGrow: 1,
    display: 'flex',
    alignItems: 'stretch',
    minHeight: 0,
    '@media (max-width: 760px)': { flexDirection: 'column' },
  },
  main: {
    flexGrow: 1,
    minWidth: 0,
    width: '100%',
    maxWidth: '1120px',
    marginInline: 'auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    ':focus': { outlineStyle: 'none' },
  },
});

function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  const main = document.getElementById(MAIN_ID);
  main?.focus();
  main?.scrollIntoView({ block: 'start' });
}

/** Frames a screen: skip link, header (the brand) and main landmark. */
export function Layout({ user, onSwitchUser, nav, brandHeading, children }: LayoutProps) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {/* The address holds the route (`#/tenants`), so the link must not follow its href: it moves
          focus to the main landmark and leaves the address, and so the page, as it is. */}
      <a className={styles.skipLink} href={`#${MAIN_ID}`} onClick={skipToMain}>
        {strings.skipToMain}
      </a>
      <header className={styles.header}>
        <BrandMark />
        <Text as={brandHeading ? 'h1' : 'span'} className={styles.title}>
          {strings.appName}
        </Text>
        <span className={styles.spacer} />
        {user || onSwitchUser ? (
          <div className={styles.account}>
            {user ? (
              <div
                role="group"
                aria-label={strings.header.signedInAs(user.displayName)}
                className={styles.persona}
              >
                <Persona
                  size="small"
                  avatar={{ color: 'colorful' }}
                  name={user.displayName}
                  secondaryText={user.tenantName}
                />
              </div>
            ) : null}
            {onSwitchUser ? (
              <Button
                appearance="secondary"
                size="small"
                className={styles.switchUser}
                onClick={onSwitchUser}
              >
                {strings.header.switchUser}
              </Button>
            ) : null}
          </div>
        ) : null}
      </header>
      <div className={styles.body}>
        {nav}
        {/* tabIndex lets the skip link move focus here, not just scroll. */}
        <main id={MAIN_ID} className={styles.main} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
