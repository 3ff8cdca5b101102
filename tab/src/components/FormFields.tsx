/**
 * The labelled inputs the management forms repeat: a text field, a narrow whole-number field and
 * a description. Each takes its validation message (shown on the field, in error) and a `name`
 * so `focusFirstInvalid` can find it.
 */
import { Field, Input, Select, Textarea, type InputProps } from '@fluentui/react-components';
import { fieldState } from './fields.ts';
import { useSharedStyles } from './styles.ts';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The validation message, when the value is refused. */
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
}

/** A labelled Fluent Input bound to a text value; `input` adds the kind's own attributes. */
function InputField(props: FieldProps & { name: string; input: InputProps }) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      required={props.required}
      {...fieldState(props.error)}
    >
      <Input
        {...props.input}
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        readOnly={props.readOnly}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}

export function TextField(
  props: FieldProps & { name: string; maxLength?: number; autoFocus?: boolean }
) {
  return (
    <InputField {...props} input={{ maxLength: props.maxLength, autoFocus: props.autoFocus }} />
  );
}

export function NumberField(props: FieldProps & { name: string; min: number; max: number }) {
  const styles = useSharedStyles();
  return (
    <InputField
      {...props}
      input={{ className: styles.narrow, type: 'number', min: props.min, max: props.max }}
    />
  );
}

/** Up to 500 characters (the service's descriptions) unless told otherwise. */
export function DescriptionField(props: FieldProps & { name?: string; maxLength?: number }) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Textarea
        name={props.name}
        value={props.value}
        maxLength={props.maxLength ?? 500}
        readOnly={props.readOnly}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}

export interface SelectFieldProps<V extends string> {
  label: string;
  value: V | '';
  onChange: (value: V) => void;
  /** The choices, value and label. */
  options: readonly (readonly [V, string])[];
  /** A first choice with the empty value ("Any", "Keep Open", "Default ring"). */
  none?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
}

/** A labelled Select of `options`; `onChange` gets the chosen value ('' for `none`). */
export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      required={props.required}
      className={props.className}
    >
      <Select
        value={props.value}
        disabled={props.disabled}
        onChange={(_, d) => props.onChange(d.value as V)}
      >
        {props.none === undefined ? null : <option value="">{props.none}</option>}
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}
