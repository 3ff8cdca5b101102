/**
 * The filter bar of list pages: a search landmark holding the page's fields, then Apply filters
 * and Clear. `FilterSelect` is one of its "any or one of these" choices.
 */
import type { ReactNode } from 'react';
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

export interface FilterBarProps {
  /** The landmark's name, e.g. "Room filters". */
  label: string;
  onApply: () => void;
  onClear: () => void;
  children: ReactNode;
  /** Buttons after Clear (e.g. the audit log's Export CSV). */
  extra?: ReactNode;
}

export function FilterBar({ label, onApply, onClear, children, extra }: FilterBarProps) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <form
      className={styles.filters}
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onApply();
      }}
    >
      {children}
      <Button type="submit" appearance="primary">
        {strings.audit.apply}
      </Button>
      <Button onClick={onClear}>{strings.audit.clear}</Button>
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
