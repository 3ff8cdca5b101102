/**
 * The filter bar of list pages: a search landmark holding the page's fields, then Apply filters
 * and Clear. `useFilters` keeps the fields being edited apart from those applied (the list shows
 * the applied ones); `FilterSelect` is one "any or one of these" choice.
 */
import { useState, type ReactNode } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';
import { SelectField } from './FormFields.tsx';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

/** A list page's filters: `form` as edited, `applied` as the list shows them. */
export interface Filters<F> {
  form: F;
  applied: F;
  set: <K extends keyof F>(key: K, value: F[K]) => void;
  /** One field's value and change, for `FilterSelect` and inputs. */
  bind: <K extends keyof F>(key: K) => { value: F[K]; onChange: (value: F[K]) => void };
  /** Changes both the form and the applied filters (e.g. when another set of customers shows). */
  change: (change: (filters: F) => F) => void;
  /** Apply filters: the list shows what the form says. */
  apply: () => void;
  /** Clear: every field back to `empty`, applied at once. */
  clear: () => void;
  setForm: (change: (form: F) => F) => void;
}

export function useFilters<F extends object>(empty: F, initial: F | (() => F) = empty): Filters<F> {
  const [form, setForm] = useState<F>(initial);
  const [applied, setApplied] = useState<F>(form);
  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((f) => ({ ...f, [key]: value }));
  return {
    form,
    applied,
    set,
    bind: (key) => ({ value: form[key], onChange: (value) => set(key, value) }),
    change: (change) => {
      setForm(change);
      setApplied(change);
    },
    apply: () => setApplied(form),
    clear: () => {
      setForm(empty);
      setApplied(empty);
    },
    setForm,
  };
}

export interface FilterBarProps {
  /** The landmark's name, e.g. "Room filters". */
  label: string;
  filters: Pick<Filters<unknown>, 'apply' | 'clear'>;
  children: ReactNode;
  /** Buttons after Clear (e.g. the audit log's Export CSV). */
  extra?: ReactNode;
}

export function FilterBar({ label, filters, children, extra }: FilterBarProps) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <form
      className={styles.filters}
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        filters.apply();
      }}
    >
      {children}
      <Button type="submit" appearance="primary">
        {strings.audit.apply}
      </Button>
      <Button onClick={filters.clear}>{strings.audit.clear}</Button>
      {extra}
    </form>
  );
}

export interface FilterSelectProps<V extends string> {
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
  /** The choices, value and label; "Any" comes first. */
  options: readonly (readonly [V, string])[];
  /** Why the choice is not available yet; the select is disabled with this hint below it. */
  disabledHint?: string;
}

export function FilterSelect<V extends string>({
  label,
  value,
  onChange,
  options,
  disabledHint,
}: FilterSelectProps<V>) {
  const strings = useStrings();
  return (
    <SelectField<V | ''>
      label={label}
      hint={disabledHint}
      disabled={disabledHint !== undefined}
      none={strings.audit.any}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}
