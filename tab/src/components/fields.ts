/** Helpers for form fields with validation messages (client checks and service error codes). */
import { useCallback, useState } from 'react';
import { useStrings } from '../i18n.ts';
import { errorMessage } from './ErrorBar.tsx';

/** A field whose value its form holds: the value, its change, and the validation message. */
export interface ControlledField<V> {
  value: V;
  onChange: (value: V) => void;
  validationMessage?: string;
}

/** The props a Fluent Field takes to show a message in error, or none. */
export function fieldState(message: string | undefined) {
  return {
    validationMessage: message,
    validationState: message ? ('error' as const) : ('none' as const),
  };
}

/**
 * Focuses the first field (in `order`) that has a message, found by its input's `name`
 * attribute inside the open dialog or page; true when there was one. Runs after the re-render
 * that shows the messages, so keyboard and screen reader users land on the first problem.
 */
export function focusFirstInvalid<F extends string>(
  found: Partial<Record<F, string>>,
  order: readonly F[]
): boolean {
  const first = order.find((f) => found[f]);
  if (!first) return false;
  setTimeout(() => {
    const scope = document.querySelector('[role="dialog"], [role="alertdialog"]') ?? document;
    scope.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, 0);
  return true;
}

/** The field a service error code is about, per a page's table; undefined for the error bar. */
export function fieldOfCode<F extends string>(
  error: unknown,
  table: Readonly<Record<string, F>>
): F | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(table, code) ? table[code] : undefined;
}

/**
 * The validation messages of one form: `refuse` shows the form's own findings and focuses the
 * first (true when there was one); `claim` is a `useSubmit` claim that puts a service refusal on
 * the field its code names (per `codes`), in the user's language.
 */
export function useFieldErrors<F extends string>(
  order: readonly F[],
  codes: Readonly<Record<string, F>> = {}
) {
  const strings = useStrings();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const refuse = (found: Partial<Record<F, string>>): boolean => {
    setErrors(found);
    return focusFirstInvalid(found, order);
  };
  const claim = (error: unknown): boolean => {
    const field = fieldOfCode(error, codes);
    if (!field) return false;
    refuse({ [field]: errorMessage(error, strings) } as Partial<Record<F, string>>);
    return true;
  };
  const clear = (field: F) => setErrors((e) => ({ ...e, [field]: undefined }));
  /** Shows `found` without moving focus (a wizard's step keeps its heading focused). */
  const show = (found: Partial<Record<F, string>>) => setErrors(found);
  return { errors, refuse, claim, clear, show };
}

/** A form's values held as one draft: `change` sets some of them. */
export function useDraft<D extends object>(initial: D | (() => D)) {
  const [draft, setDraft] = useState<D>(initial);
  const change = useCallback((part: Partial<D>) => setDraft((d) => ({ ...d, ...part })), []);
  return [draft, change] as const;
}

/**
 * A form's values and validation messages (`useFieldErrors`): `set` changes one value, `bind`
 * gives a field (FormFields.tsx, CheckboxGroup) its name, value, onChange and message.
 */
export function useForm<V extends object, F extends keyof V & string>(
  initial: V | (() => V),
  order: readonly F[],
  codes: Readonly<Record<string, F>> = {}
) {
  const [values, setValues] = useState<V>(initial);
  const fields = useFieldErrors(order, codes);
  const set = <K extends keyof V>(key: K, value: V[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const bind = <K extends keyof V & string>(key: K) => ({
    name: key,
    value: values[key],
    onChange: (value: V[K]) => set(key, value),
    error: (fields.errors as Partial<Record<string, string>>)[key],
  });
  return { ...fields, values, setValues, set, bind };
}
