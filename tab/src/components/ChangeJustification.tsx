/**
 * The partner's reason for a change its customer approves by hand. Under the customer's Manual
 * change control a partner's change becomes a change request the customer's approver decides; the
 * reason travels with it (header `X-Change-Justification`) and the approver sees it beside the
 * diff. The field appears only where it matters: for a partner user, on a change whose action the
 * customer put under Manual (read from the partner's view of its controls).
 */
import { useRef, useState, type ReactNode } from 'react';
import { Field, Textarea } from '@fluentui/react-components';
import { withJustification, type ApiClient } from '../api/client.ts';
import type { CustomerOption } from '../api/customers.ts';
import {
  CHANGE_JUSTIFICATION_MAX,
  getPartnerControls,
  type ChangeAction,
} from '../api/change-control.ts';
import { useStrings } from '../i18n.ts';
import { fieldState } from './fields.ts';
import { useLoad } from './useLoad.ts';

export interface ChangeJustification {
  /** The labelled field, when the change waits for approval; null otherwise. */
  field: ReactNode;
  /** False (the field then says why and takes the focus) when a needed reason is missing. */
  check: () => boolean;
  /** `api`, whose changes carry the reason when there is one. */
  api: ApiClient;
}

/** The reason for a change of `action` in `customer`, asked only under its Manual control. */
export function useChangeJustification(
  api: ApiClient,
  customer: Pick<CustomerOption, 'tenantId' | 'side' | 'displayName'> | null,
  action: ChangeAction
): ChangeJustification {
  const c = useStrings().control;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLTextAreaElement>(null);
  const partner = customer?.side === 'partner' ? customer : null;
  const controls = useLoad(['partner-controls', partner?.tenantId ?? null], (signal) =>
    partner ? getPartnerControls(api, partner.tenantId, signal) : Promise.resolve(null)
  );
  const manual =
    controls.state.kind === 'ready' && controls.state.data?.changeControl[action] === 'manual';
  if (!manual || !partner) return { field: null, check: () => true, api };
  const reason = text.trim();
  return {
    field: (
      <Field
        label={c.justificationLabel}
        hint={c.justificationHint(partner.displayName)}
        required
        {...fieldState(error)}
      >
        <Textarea
          ref={input}
          name="changeJustification"
          value={text}
          maxLength={CHANGE_JUSTIFICATION_MAX}
          onChange={(_, d) => {
            setText(d.value);
            if (d.value.trim()) setError(undefined);
          }}
        />
      </Field>
    ),
    check: () => {
      if (reason) return true;
      setError(c.justificationRequired);
      setTimeout(() => input.current?.focus(), 0);
      return false;
    },
    api: reason ? withJustification(api, reason) : api,
  };
}
