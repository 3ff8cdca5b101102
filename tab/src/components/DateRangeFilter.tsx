/** The From and To days of a list page's filters, and the instants they stand for. */
import { Field, Input } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';
import type { Filters } from './FilterBar.tsx';

/** The form's days are whole UTC days: from midnight to the last millisecond of `to`. */
export const dayRange = (from: string, to: string) => ({
  from: from ? `${from}T00:00:00.000Z` : undefined,
  to: to ? `${to}T23:59:59.999Z` : undefined,
});

/** Two date inputs bound to the form's `from` and `to` (`yyyy-mm-dd`, '' for none). */
export function DateRangeFilter<F extends { from: string; to: string }>({
  filters,
}: {
  filters: Pick<Filters<F>, 'form' | 'set'>;
}) {
  const t = useStrings().audit;
  return (
    <>
      {(['from', 'to'] as const).map((key) => (
        <Field key={key} label={t[key]}>
          <Input
            type="date"
            value={filters.form[key]}
            onChange={(_, d) => filters.set(key, d.value as F[typeof key])}
          />
        </Field>
      ))}
    </>
  );
}
