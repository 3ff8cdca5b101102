/**
 * A titled part of a page (a partner's approvals, the roles, the assignments…): a section
 * landmark named by its heading, so screen reader users can list and jump to it. `MinorHeading`
 * titles a smaller part inside one (a partner card's roles, its controls).
 */
import { useId, type ReactNode } from 'react';
import { Subtitle2, Text } from '@fluentui/react-components';
import { useSharedStyles } from './styles.ts';

export interface PageSectionProps {
  title: string;
  /** The heading's level: h2 under the page's h1 unless told. */
  level?: 'h2' | 'h3';
  children: ReactNode;
}

export function PageSection({ title, level = 'h2', children }: PageSectionProps) {
  const styles = useSharedStyles();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as={level} id={headingId} className={styles.heading}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

/** A heading in body text size, semibold, at the level the outline needs. */
export function MinorHeading({
  level,
  children,
}: {
  level: 'h2' | 'h3' | 'h4';
  children: ReactNode;
}) {
  const styles = useSharedStyles();
  return (
    <Text as={level} weight="semibold" className={styles.heading}>
      {children}
    </Text>
  );
}
