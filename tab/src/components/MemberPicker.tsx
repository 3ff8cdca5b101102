/**
 * Directory search combobox: type a name, pick a user or security group of the caller's own
 * tenant. Results come from `GET /api/directory/search` as the user types (debounced); the
 * search state is spoken through a polite live hint under the field.
 */
import { useEffect, useId, useState } from 'react';
import {
  Button,
  Caption1,
  Combobox,
  Field,
  Option,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { searchDirectory, type DirectoryObject, type MemberKind } from '../api/directory.ts';
import type { ApiClient } from '../api/client.ts';
import { useStrings } from '../i18n.ts';
import { errorMessage } from './ErrorBar.tsx';

const SEARCH_DELAY_MS = 250;

const useStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground3, minHeight: tokens.lineHeightBase200 },
  upn: { color: tokens.colorNeutralForeground3 },
  add: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
    maxWidth: '560px',
  },
  grow: { flexGrow: 1 },
});

/**
 * One row that adds a member: the picker, the member chosen so far, and Add (which submits the
 * row's form, so Enter adds too). A roster or the Primary admins of a customer.
 */
export function AddMemberForm(props: {
  api: ApiClient;
  label: string;
  exclude: readonly string[];
  pick: DirectoryObject | null;
  onPick: (member: DirectoryObject) => void;
  busy: boolean;
  onAdd: () => void;
}) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <form
      className={styles.add}
      onSubmit={(event) => {
        event.preventDefault();
        props.onAdd();
      }}
    >
      <div className={styles.grow}>
        <MemberPicker
          api={props.api}
          label={props.label}
          exclude={props.exclude}
          onPick={props.onPick}
        />
        {props.pick ? <Caption1>{strings.tenants.chosen(props.pick.displayName)}</Caption1> : null}
      </div>
      <Button type="submit" appearance="primary" disabledFocusable={!props.pick || props.busy}>
        {strings.common.add}
      </Button>
    </form>
  );
}

export interface MemberPickerProps {
  api: ApiClient;
  label: string;
  /** Called with the chosen directory object; the field then clears for the next search. */
  onPick: (member: DirectoryObject) => void;
  /** Ids already chosen, left out of the results. */
  exclude?: readonly string[];
  kind?: MemberKind | 'all';
  required?: boolean;
  /** Validation message shown under the field (e.g. "Choose at least one"). */
  validationMessage?: string;
  disabled?: boolean;
}

type Search =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; results: DirectoryObject[] }
  | { kind: 'failed'; error: unknown };

export function MemberPicker(props: MemberPickerProps) {
  const { api, kind = 'all', exclude } = props;
  const strings = useStrings();
  const styles = useStyles();
  const hintId = useId();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  // Results arrive after typing stops, so the list opens itself when they do.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setSearch({ kind: 'idle' });
      return;
    }
    const abort = new AbortController();
    setSearch({ kind: 'searching' });
    const timer = setTimeout(() => {
      searchDirectory(api, q, { kind, signal: abort.signal }).then(
        (results) => {
          setSearch({ kind: 'done', results });
          setOpen(results.length > 0);
        },
        (error: unknown) => {
          if (!abort.signal.aborted) setSearch({ kind: 'failed', error });
        }
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, query, kind]);

  const results =
    search.kind === 'done' ? search.results.filter((r) => !exclude?.includes(r.id)) : [];

  const hint =
    search.kind === 'searching'
      ? strings.members.searching
      : search.kind === 'failed'
        ? errorMessage(search.error, strings)
        : search.kind === 'done'
          ? results.length === 0
            ? strings.members.noMatches
            : strings.members.matches(results.length)
          : strings.members.typeToSearch;

  return (
    <Field
      label={props.label}
      required={props.required}
      validationMessage={props.validationMessage}
      validationState={props.validationMessage ? 'error' : 'none'}
    >
      <Combobox
        freeform
        disabled={props.disabled}
        value={query}
        open={open && results.length > 0}
        onOpenChange={(_, data) => setOpen(data.open)}
        placeholder={strings.members.placeholder}
        aria-describedby={hintId}
        onChange={(event) => setQuery(event.target.value)}
        onOptionSelect={(_, data) => {
          const picked = results.find((r) => r.id === data.optionValue);
          if (!picked) return;
          props.onPick(picked);
          setQuery('');
        }}
      >
        {results.map((r) => (
          <Option key={r.id} value={r.id} text={r.displayName}>
            <span>
              {r.displayName}{' '}
              <span className={styles.upn}>
                {r.kind === 'group' ? strings.members.group : (r.userPrincipalName ?? '')}
              </span>
            </span>
          </Option>
        ))}
      </Combobox>
      <Caption1 id={hintId} className={styles.hint} aria-live="polite">
        {hint}
      </Caption1>
    </Field>
  );
}
