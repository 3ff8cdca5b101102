/**
 * Add partner (PRODUCT.md §4.9): the partner's domain, an expiry of 1–30 days, the change-control
 * mode, the scope, and the agreement to terms. Checks run in the form first; a refusal from the
 * service is shown on the field its code names (unknown domain, expiry, scope), else in the bar.
 */
import { useRef, useState } from 'react';
import { Checkbox, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import {
  MAX_EXPIRY_DAYS as MAX_DAYS,
  MIN_EXPIRY_DAYS as MIN_DAYS,
  createInvitation,
  type CustomerInvitation,
} from '../api/customer.ts';
import type { ChangeControl } from '../api/partner.ts';
import { useStrings } from '../i18n.ts';
import { errorMessage } from '../components/ErrorBar.tsx';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { fieldOfCode, fieldState } from '../components/fields.ts';
import { useSharedStyles } from '../components/styles.ts';
import {
  ScopeEditor,
  isScopeEmpty,
  toScopeInput,
  type ScopeValue,
} from '../components/ScopeEditor.tsx';

type FieldName = 'domain' | 'days' | 'scope' | 'terms';

/** Which field a service error code is about; codes not listed go to the error bar. */
const FIELD_OF_CODE: Readonly<Record<string, FieldName>> = {
  'INVITATION.PARTNER_NOT_ELIGIBLE': 'domain',
  'INVITATION.SELF': 'domain',
  'INVITATION.ALREADY_PENDING': 'domain',
  'RELATIONSHIP.ALREADY_ACTIVE': 'domain',
  'PARTNER.DOMAIN_INVALID': 'domain',
  'PARTNER.NOT_ELIGIBLE': 'domain',
  'INVITATION.EXPIRY_INVALID': 'days',
  'INVITATION.SCOPE_INVALID': 'scope',
  'RELATIONSHIP.SCOPE_INVALID': 'scope',
};

type AddPartnerDialogProps = DialogProps<CustomerInvitation, { tenantId: string }>;

export function AddPartnerDialog({ api, tenantId, onClose }: AddPartnerDialogProps) {
  const strings = useStrings();
  const t = strings.addPartner;
  const styles = useSharedStyles();
  const [domain, setDomain] = useState('');
  const [days, setDays] = useState('14');
  const [changeControl, setChangeControl] = useState<ChangeControl>('auto');
  const [scope, setScope] = useState<ScopeValue>({ allRooms: true, roomIds: [], roomGroupIds: [] });
  const [terms, setTerms] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const submit = useSubmit(onClose);
  // Focus goes to the first field in error, so keyboard and screen reader users land on it.
  const refs = {
    domain: useRef<HTMLInputElement>(null),
    days: useRef<HTMLInputElement>(null),
    scope: useRef<HTMLDivElement>(null),
    terms: useRef<HTMLInputElement>(null),
  };
  const focusFirst = (found: Partial<Record<FieldName, string>>) => {
    const first = (['domain', 'days', 'scope', 'terms'] as const).find((f) => found[f]);
    if (!first) return;
    const target = refs[first].current;
    (target?.querySelector<HTMLElement>('input') ?? target)?.focus();
  };

  const validate = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (!domain.trim()) found.domain = t.domainRequired;
    const n = Number(days);
    if (!Number.isInteger(n) || n < MIN_DAYS || n > MAX_DAYS) found.days = t.daysInvalid;
    if (isScopeEmpty(scope)) found.scope = t.scopeRequired;
    if (!terms) found.terms = t.termsRequired;
    return found;
  };

  const send = () => {
    const found = validate();
    setErrors(found);
    submit.clear();
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    void submit.save(
      () =>
        createInvitation(api, {
          partnerDomain: domain.trim(),
          expiresInDays: Number(days),
          changeControl,
          scope: toScopeInput(scope),
          agreeToTerms: true,
        }),
      (error) => {
        const field = fieldOfCode(error, FIELD_OF_CODE);
        if (!field) return false;
        const found = { [field]: errorMessage(error, strings) };
        setErrors(found);
        // After the re-render has enabled the fields again.
        setTimeout(() => focusFirst(found), 0);
        return true;
      }
    );
  };

  return (
    <FormDialog
      title={t.title}
      submitLabel={t.submit}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={send}
    >
      <Field label={t.domain} hint={t.domainHint} required {...fieldState(errors.domain)}>
        <Input
          ref={refs.domain}
          value={domain}
          autoComplete="off"
          spellCheck={false}
          onChange={(_, data) => setDomain(data.value)}
        />
      </Field>
      <Field label={t.days} hint={t.daysHint} required {...fieldState(errors.days)}>
        <Input
          ref={refs.days}
          className={styles.narrow}
          type="number"
          min={MIN_DAYS}
          max={MAX_DAYS}
          value={days}
          onChange={(_, data) => setDays(data.value)}
        />
      </Field>
      <Field label={t.changeControl} hint={t.changeControlHint}>
        <RadioGroup
          value={changeControl}
          onChange={(_, data) => setChangeControl(data.value as ChangeControl)}
        >
          <Radio value="auto" label={t.auto} />
          <Radio value="manual" label={t.manual} />
        </RadioGroup>
      </Field>
      <div ref={refs.scope}>
        <ScopeEditor
          api={api}
          tenantId={tenantId}
          value={scope}
          onChange={setScope}
          validationMessage={errors.scope}
        />
      </div>
      <Field required {...fieldState(errors.terms)}>
        <Checkbox
          ref={refs.terms}
          checked={terms}
          label={t.terms}
          onChange={(_, data) => setTerms(data.checked === true)}
        />
      </Field>
    </FormDialog>
  );
}
