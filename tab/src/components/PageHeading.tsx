/**
 * A page's h2. When the page replaces another one after a user action (sign-in, switch user),
 * focus moves here: the button that had focus is gone, and screen reader users hear where they
 * landed instead of being dropped at the top of the document.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Text, makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  heading: {
    margin: 0,
    // Focused by script only (tabIndex -1); a ring would suggest it can be activated.
    ':focus': { outlineStyle: 'none' },
  },
});

/** Props of {@link PageHeading}. */
export interface PageHeadingProps {
  children: ReactNode;
  id?: string;
  /** Move focus to the heading when it mounts. */
  focusOnMount?: boolean;
}

/** The page title (h2), optionally focused when it appears. */
export function PageHeading({ children, id, focusOnMount = false }: PageHeadingProps) {
  const styles = useStyles();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    // Text rather than the Title3 preset, which does not forward refs; same size and weight.
    <Text
      as="h2"
      size={600}
      weight="semibold"
      id={id}
      ref={ref}
      tabIndex={-1}
      className={styles.heading}
    >
      {children}
    </Text>
  );
}
