/** A per-customer page when no customer is chosen (or none grants the page's permission). */
import type { ReactNode } from 'react';
import type { CustomerOption } from '../api/customers.ts';
import { useStrings, type Strings } from '../i18n.ts';
import type { PageProps } from '../page-props.ts';
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

/** The props of a per-customer page once a customer is chosen. */
export type CustomerPageProps = PageProps & { customer: CustomerOption };

/** A per-customer page: "Choose a customer" until one is chosen, then `Page` for it. */
export function customerPage(
  title: (strings: Strings) => string,
  Page: (props: CustomerPageProps) => ReactNode
) {
  return function PerCustomerPage(props: PageProps) {
    const strings = useStrings();
    return props.customer ? (
      <Page {...props} customer={props.customer} />
    ) : (
      <NoCustomer title={title(strings)} focusHeading={props.focusHeading} />
    );
  };
}
