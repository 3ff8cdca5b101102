/**
 * The detail pane under a list (a ticket, a room): a region named by its h2, which takes focus
 * when the pane opens so keyboard and screen reader users land on it, a subtitle, a Close button.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button, Caption1, Card } from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import { FocusHeading } from './PageHeading.tsx';
import { useSharedStyles } from './styles.ts';

/**
 * The props of a pane about one object that acts through the API (a room, a ticket): its own
 * (`Own`), the client, `onChanged` with the object as the service answered a change, `onClose`.
 */
export type PanelProps<T, Own = object> = Own & {
  api: ApiClient;
  onChanged: (changed: T) => void;
  onClose: () => void;
};

export interface DetailPanelProps {
  title: string;
  subtitle?: ReactNode;
  closeLabel: string;
  onClose: () => void;
  /** Changes when the pane shows another object: focus moves to the title again. */
  focusKey: string;
  /** Bumped by the owner to move focus back to the title (after its focused button went away). */
  focusRequest?: number;
  children: ReactNode;
}

export function DetailPanel(props: DetailPanelProps) {
  const styles = useSharedStyles();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [props.focusKey, props.focusRequest]);
  return (
    <Card className={styles.card} role="region" aria-labelledby={titleId}>
      <div className={styles.cardTop}>
        <div>
          <FocusHeading as="h2" size={400} id={titleId} ref={heading} className={styles.heading}>
            {props.title}
          </FocusHeading>
          {props.subtitle ? <Caption1 className={styles.sub}>{props.subtitle}</Caption1> : null}
        </div>
        <Button onClick={props.onClose}>{props.closeLabel}</Button>
      </div>
      {props.children}
    </Card>
  );
}
