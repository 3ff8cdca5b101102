/**
 * Choosing a partner's scope: all rooms, or chosen room groups and rooms of the caller's own
 * tenant. The choices come from the rooms routes; without them only "All rooms" can be chosen.
 */
import { useId } from 'react';
import {
  Caption1,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import type { RoomScopeInput } from '../api/customer.ts';
import { listRoomGroupRefs, listRoomRefs } from '../api/rooms.ts';
import { useStrings } from '../i18n.ts';
import { CheckboxGroup } from './CheckboxGroup.tsx';
import { ErrorBar } from './ErrorBar.tsx';
import type { ControlledField } from './fields.ts';
import { useLoad } from './useLoad.ts';

/** The editor's value: the same as the API's scope, with both lists always present. */
export interface ScopeValue {
  allRooms: boolean;
  roomGroupIds: string[];
  roomIds: string[];
}

export const toScopeInput = (v: ScopeValue): RoomScopeInput =>
  v.allRooms
    ? { allRooms: true }
    : { allRooms: false, roomIds: v.roomIds, roomGroupIds: v.roomGroupIds };

export const isScopeEmpty = (v: ScopeValue) =>
  !v.allRooms && v.roomIds.length === 0 && v.roomGroupIds.length === 0;

const useStyles = makeStyles({
  choices: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    maxHeight: '220px',
    overflowY: 'auto',
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBlock: tokens.spacingVerticalXS },
  fieldset: { border: 'none', margin: 0, padding: 0 },
  title: { fontWeight: tokens.fontWeightSemibold, padding: 0 },
  required: {
    color: tokens.colorPaletteRedForeground3,
    paddingInlineStart: tokens.spacingHorizontalXS,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ScopeEditorProps extends ControlledField<ScopeValue> {
  api: ApiClient;
  /** The caller's own tenant, whose rooms are offered. */
  tenantId: string;
}

export function ScopeEditor({
  api,
  tenantId,
  value,
  onChange,
  validationMessage,
}: ScopeEditorProps) {
  const strings = useStrings();
  const t = strings.scope;
  const styles = useStyles();
  const titleId = useId();
  const errorId = useId();
  const { state, reload } = useLoad(['scopeRefs', tenantId], async (signal) => {
    const [groups, rooms] = await Promise.all([
      listRoomGroupRefs(api, tenantId, signal),
      listRoomRefs(api, tenantId, signal),
    ]);
    return { groups, rooms };
  });
  const unavailable =
    state.kind === 'ready' && state.data.groups === null && state.data.rooms === null;

  return (
    // A fieldset rather than a Field: a Field would mark every checkbox inside as required.
    <fieldset
      className={styles.fieldset}
      aria-describedby={validationMessage ? errorId : undefined}
    >
      <legend className={styles.title} id={titleId}>
        {t.label}
        <span className={styles.required} aria-hidden="true">
          *
        </span>
      </legend>
      <RadioGroup
        aria-labelledby={titleId}
        required
        value={value.allRooms ? 'all' : 'chosen'}
        onChange={(_, data) => onChange({ ...value, allRooms: data.value === 'all' })}
      >
        <Radio value="all" label={t.allRooms} />
        <Radio value="chosen" label={t.chosen} disabled={unavailable} />
      </RadioGroup>
      {unavailable ? <Caption1>{t.unavailable}</Caption1> : null}
      {!value.allRooms && state.kind === 'loading' ? (
        <Spinner size="tiny" label={t.loading} />
      ) : null}
      {!value.allRooms && state.kind === 'failed' ? (
        <ErrorBar title={t.loadFailed} error={state.error} onRetry={reload} />
      ) : null}
      {!value.allRooms && state.kind === 'ready' ? (
        <>
          {(
            [
              ['roomGroupIds', t.roomGroups, state.data.groups],
              ['roomIds', t.rooms, state.data.rooms],
            ] as const
          ).map(([key, legend, refs]) =>
            refs && refs.length > 0 ? (
              <CheckboxGroup
                key={key}
                legend={legend}
                choicesClassName={styles.choices}
                options={refs.map((r) => [r.id, r.displayName] as const)}
                value={value[key]}
                onChange={(ids) => onChange({ ...value, [key]: ids })}
              />
            ) : null
          )}
        </>
      ) : null}
      {validationMessage ? (
        <Caption1 id={errorId} role="alert" className={styles.error}>
          {validationMessage}
        </Caption1>
      ) : null}
    </fieldset>
  );
}
