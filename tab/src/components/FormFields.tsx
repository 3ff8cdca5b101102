/**
 * The labelled inputs the management forms repeat: a text field, a narrow whole-number field and
 * a description. Each takes its validation message (shown on the field, in error) and a `name`
 * so `focusFirstInvalid` can find it.
 */
import { Field, Input, Textarea } from '@fluentui/react-components';
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

export function TextField(
  props: FieldProps & { name: string; maxLength?: number; autoFocus?: boolean }
) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      required={props.required}
      {...fieldState(props.error)}
    >
      <Input
        name={props.name}
        value={props.value}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        readOnly={props.readOnly}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}

export function NumberField(props: FieldProps & { name: string; min: number; max: number }) {
  const styles = useSharedStyles();
  return (
    <Field
      label={props.label}
      hint={props.hint}
      required={props.required}
      {...fieldState(props.error)}
    >
      <Input
        name={props.name}
        className={styles.narrow}
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        disabled={props.disabled}
        readOnly={props.readOnly}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}

/** Up to 500 characters, as the service's descriptions. */
export function DescriptionField(props: FieldProps) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Textarea
        value={props.value}
        maxLength={500}
        readOnly={props.readOnly}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}
