/**
 * A fieldset of checkboxes that chooses some of its options (rooms, room groups, weekdays,
 * severities): the legend names the group, `value` holds the chosen ids in the order chosen.
 */
import type { ReactNode } from 'react';
import { Checkbox } from '@fluentui/react-components';
import { useSharedStyles } from './styles.ts';

/** `list` with `item` added (on) or taken out (off). */
export const toggled = <V,>(list: readonly V[], item: V, on: boolean): V[] =>
  on ? [...list, item] : list.filter((x) => x !== item);

export interface CheckboxGroupProps<V extends string> {
  legend: string;
  /** The form's name for the group (see `useForm`'s `bind`). */
  name?: string;
  /** Each option's id and label. */
  options: readonly (readonly [V, string])[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  disabled?: boolean;
  /** A group inside a form section: a plain legend and the options on one wrapping row. */
  inline?: boolean;
  /** The class of the options' box (default: a grid of choices). */
  choicesClassName?: string;
  /** The id of the message that describes the group (its validation message). */
  describedBy?: string;
  /** Shown under the options (e.g. the validation message). */
  children?: ReactNode;
}

export function CheckboxGroup<V extends string>(props: CheckboxGroupProps<V>) {
  const styles = useSharedStyles();
  const { value, onChange } = props;
  return (
    <fieldset name={props.name} className={styles.fieldset} aria-describedby={props.describedBy}>
      <legend className={props.inline ? undefined : styles.legend}>{props.legend}</legend>
      <div className={props.inline ? styles.row : (props.choicesClassName ?? styles.choices)}>
        {props.options.map(([id, label]) => (
          <Checkbox
            key={id}
            label={label}
            disabled={props.disabled}
            checked={value.includes(id)}
            onChange={(_, d) => onChange(toggled(value, id, d.checked === true))}
          />
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}
