/**
 * A page's h1, its one: the title screen reader users land on and list first (the header's app
 * name is the brand, not a heading). When the page replaces another one after a user action (sign-in, switch user),
 * focus moves here: the button that had focus is gone, and screen reader users hear where they
 * landed instead of being dropped at the top of the document.
 */
import { useEffect, useRef, type ReactNode, type Ref } from 'react';
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

/** The page title (h1), optionally focused when it appears. */
export function PageHeading({ children, id, focusOnMount = false }: PageHeadingProps) {
  const styles = useStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    // Text rather than the Title3 preset, which does not forward refs; same size and weight.
    <FocusHeading as="h1" size={600} id={id} ref={ref} className={styles.heading}>
      {children}
    </FocusHeading>
  );
}

/**
 * A semibold heading that script may focus (tabIndex -1): a page's h1, a pane's h2, a dialog
 * step's h3 (under the dialog's h2 title).
 * Fluent's Text, as its presets (Title3, Subtitle2) do not forward refs.
 */
export function FocusHeading(props: {
  as: 'h1' | 'h2' | 'h3';
  size: 400 | 600;
  id?: string;
  ref?: Ref<HTMLHeadingElement>;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Text
      as={props.as}
      size={props.size}
      weight="semibold"
      id={props.id}
      ref={props.ref}
      tabIndex={-1}
      className={props.className}
    >
      {props.children}
    </Text>
  );
}
