/**
 * Audit log (PRODUCT.md §4.11) of the caller's tenant: every change by anyone, including denied
 * attempts, newest first. Filters by date, category, actor's tenant and result; "Load more"
 * follows the cursor; the CSV export of a date range is fetched with the token and saved as a Blob.
 */
import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  AUDIT_CATEGORIES,
  exportAuditCsv,
  listAudit,
  type AuditCategory,
  type AuditFilter,
  type AuditRecord,
} from '../api/audit.ts';
import { listPartners } from '../api/customer.ts';
import { useStrings } from '../i18n.ts';
import { formatUtc } from '../format.ts';
import { useAnnounce } from '../components/Announcer.tsx';
import type { PageProps } from '../components/AppShell.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { EmptyState, LoadMore, Loading } from '../components/PageStates.tsx';
import { useLoad } from '../components/useLoad.ts';

const EXPORT_DEFAULT_DAYS = 30;

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
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  sub: { display: 'block', color: tokens.colorNeutralForeground3 },
  nowrap: { whiteSpace: 'nowrap' },
});

interface Form {
  from: string;
  to: string;
  category: AuditCategory | '';
  actorTenantId: string;
  result: 'Successful' | 'Failed' | '';
}

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The form's dates are whole UTC days: from midnight to the last millisecond of `to`. */
function toFilter(form: Form): AuditFilter {
  return {
    from: form.from ? `${form.from}T00:00:00.000Z` : undefined,
    to: form.to ? `${form.to}T23:59:59.999Z` : undefined,
    category: form.category || undefined,
    actorTenantId: form.actorTenantId || undefined,
    result: form.result || undefined,
  };
}

export function AuditPage({ api, access, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.audit;
  const styles = useStyles();
  const announce = useAnnounce();
  const empty: Form = { from: '', to: '', category: '', actorTenantId: '', result: '' };
  const [form, setForm] = useState<Form>(empty);
  const [applied, setApplied] = useState<AuditFilter>({});
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const [exporting, setExporting] = useState<{ busy: boolean; error: unknown }>({
    busy: false,
    error: null,
  });

  const { state, reload, update } = useLoad(async (signal) => {
    const page = await listAudit(api, applied, { signal });
    announce(page.nextCursor ? t.shownMore(page.items.length) : t.shown(page.items.length));
    return page;
  }, [api, applied]);

  // Name the tenants the caller knows: its own, its partners (customer side), its customers.
  const partners = useLoad((signal) => listPartners(api, { signal }).catch(() => null), [api]);
  const tenantNames = useMemo(() => {
    const names = new Map<string, string>([[access.me.tenantId, access.me.tenantName]]);
    for (const c of access.partnerCustomers) names.set(c.customerTenantId, c.customerName);
    if (partners.state.kind === 'ready' && partners.state.data) {
      for (const p of partners.state.data.items) names.set(p.partnerTenantId, p.partnerName);
    }
    return names;
  }, [access, partners.state]);

  const loadMore = async (cursor: string) => {
    setMore({ busy: true, error: null });
    try {
      const next = await listAudit(api, applied, { cursor });
      update((page) => ({ items: [...page.items, ...next.items], nextCursor: next.nextCursor }));
      announce(t.loadedMore(next.items.length));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error });
    }
  };

  const exportCsv = async () => {
    const filter = toFilter({
      ...form,
      from: form.from || day(-EXPORT_DEFAULT_DAYS),
      to: form.to || day(0),
    });
    setExporting({ busy: true, error: null });
    try {
      const file = await exportAuditCsv(api, { ...filter, from: filter.from!, to: filter.to! });
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName ?? 'audit.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      // Revoke later: some browsers read the URL after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(t.exported(link.download));
      setExporting({ busy: false, error: null });
    } catch (error) {
      setExporting({ busy: false, error });
    }
  };

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      <form
        className={styles.filters}
        role="search"
        aria-label={t.filters}
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(toFilter(form));
        }}
      >
        <Field label={t.from}>
          <Input type="date" value={form.from} onChange={(_, d) => set('from', d.value)} />
        </Field>
        <Field label={t.to}>
          <Input type="date" value={form.to} onChange={(_, d) => set('to', d.value)} />
        </Field>
        <Field label={t.category}>
          <Select value={form.category} onChange={(_, d) => set('category', d.value as Form['category'])}>
            <option value="">{t.any}</option>
            {AUDIT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t.categories[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.actorTenant}>
          <Select value={form.actorTenantId} onChange={(_, d) => set('actorTenantId', d.value)}>
            <option value="">{t.any}</option>
            {[...tenantNames].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.result}>
          <Select value={form.result} onChange={(_, d) => set('result', d.value as Form['result'])}>
            <option value="">{t.any}</option>
            <option value="Successful">{t.successful}</option>
            <option value="Failed">{t.failed}</option>
          </Select>
        </Field>
        <Button type="submit" appearance="primary">
          {t.apply}
        </Button>
        <Button
          onClick={() => {
            setForm(empty);
            setApplied({});
          }}
        >
          {t.clear}
        </Button>
        <Button
          disabledFocusable={exporting.busy}
          icon={exporting.busy ? <Spinner size="tiny" /> : undefined}
          onClick={() => void exportCsv()}
        >
          {t.export}
        </Button>
      </form>
      <Caption1>{t.exportHint(EXPORT_DEFAULT_DAYS)}</Caption1>
      {exporting.error ? <ErrorBar title={t.exportFailed} error={exporting.error} /> : null}

      {state.kind === 'loading' ? <Loading label={t.loading} /> : null}
      {state.kind === 'failed' ? (
        <ErrorBar title={t.loadFailed} error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' && state.data.items.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : null}
      {state.kind === 'ready' && state.data.items.length > 0 ? (
        <Table aria-label={t.tableLabel} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.time}</TableHeaderCell>
              <TableHeaderCell>{t.category}</TableHeaderCell>
              <TableHeaderCell>{t.object}</TableHeaderCell>
              <TableHeaderCell>{t.operation}</TableHeaderCell>
              <TableHeaderCell>{t.result}</TableHeaderCell>
              <TableHeaderCell>{t.actor}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {state.data.items.map((r: AuditRecord) => (
              <TableRow key={r.id}>
                <TableCell className={styles.nowrap}>{formatUtc(r.at)}</TableCell>
                <TableCell>{t.categories[r.category as AuditCategory] ?? r.category}</TableCell>
                <TableCell>
                  {r.objectType}
                  <Caption1 className={`${styles.sub} ${styles.mono}`}>{r.objectId}</Caption1>
                  {r.detail ? <Caption1 className={styles.sub}>{r.detail}</Caption1> : null}
                </TableCell>
                <TableCell>{t.operations[r.operation] ?? r.operation}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={r.result === 'Successful' ? 'success' : 'danger'}>
                    {r.result === 'Successful' ? t.successful : t.failed}
                  </Badge>
                </TableCell>
                <TableCell>
                  {tenantNames.get(r.actorTenantId) ?? r.actorTenantId}
                  <Caption1 className={`${styles.sub} ${styles.mono}`}>{r.actorId}</Caption1>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {more.error ? <ErrorBar title={t.loadFailed} error={more.error} /> : null}
      {state.kind === 'ready' && state.data.nextCursor ? (
        <LoadMore busy={more.busy} onClick={() => void loadMore(state.data.nextCursor!)} />
      ) : null}
    </PageFrame>
  );
}
