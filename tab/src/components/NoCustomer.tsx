/** A per-customer page when no customer is chosen (or none grants the page's permission). */
import { useStrings } from '../i18n.ts';
import { PageFrame } from './PageFrame.tsx';
import { EmptyState } from './PageStates.tsx';

export function NoCustomer({ title, focusHeading }: { title: string; focusHeading: boolean }) {
  const strings = useStrings();
  return (
    <PageFrame title={title} focusHeading={focusHeading}>
      <EmptyState>{strings.nav.chooseCustomer}</EmptyState>
    </PageFrame>
  );
}
