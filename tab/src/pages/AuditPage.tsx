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
  Spinner,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  AUDIT_CATEGORIES,
  SYSTEM_ACTOR_ID,
  exportAuditCsv,
  listAudit,
  type AuditCategory,
  type AuditFilter,
  type AuditRecord,
} from '../api/audit.ts';
import { listPartners } from '../api/customer.ts';
import { SIGNAL_ACTOR_ID } from '../api/tickets.ts';
import { useStrings, type Strings } from '../i18n.ts';
import { formatUtc } from '../format.ts';
import { useAnnounce, useNotify } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { FilterBar, FilterSelect, useFilters } from '../components/FilterBar.tsx';
import { DateRangeFilter, dayRange } from '../components/DateRangeFilter.tsx';
import { saveBlob } from '../components/saveFile.ts';
import { useLoad } from '../components/useLoad.ts';
import { usePagedList } from '../components/usePagedList.ts';

const EXPORT_DEFAULT_DAYS = 30;

/** Who acted: a person by name; the room health monitor and the hub itself, named as such. */
function actorLabel(r: AuditRecord, strings: Strings): string {
  if (r.actorName) return r.actorName;
  if (r.actorId === SIGNAL_ACTOR_ID) return strings.incidents.signalActor;
  return r.actorId === SYSTEM_ACTOR_ID ? strings.audit.systemActor : strings.audit.unknownActor;
}

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  sub: { display: 'block', color: tokens.colorNeutralForeground3 },
  // The table sizes its columns to their content, so the time never runs into the next column.
  table: { tableLayout: 'auto', '& td, & th': { overflowWrap: 'anywhere' } },
  time: { whiteSpace: 'nowrap', width: '1%' },
});

interface Form {
  from: string;
  to: string;
  category: AuditCategory | '';
  actorTenantId: string;
  result: 'Successful' | 'Failed' | '';
}

const EMPTY: Form = { from: '', to: '', category: '', actorTenantId: '', result: '' };

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

function toFilter(form: Form): AuditFilter {
  return {
    ...dayRange(form.from, form.to),
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
  const notify = useNotify();
  const [showIds, setShowIds] = useState(false);
  const filters = useFilters(EMPTY);
  const { form } = filters;
  const [exporting, setExporting] = useState<{ busy: boolean; error: unknown }>({
    busy: false,
    error: null,
  });

  const records = usePagedList(
    ['audit', filters.applied],
    (cursor, signal) => listAudit(api, toFilter(filters.applied), { cursor, signal }),
    {
      first: (page) =>
        announce(page.nextCursor ? t.shownMore(page.items.length) : t.shown(page.items.length)),
      more: (next) => announce(t.loadedMore(next.items.length)),
    }
  );

  // Name the tenants the caller knows: its own, its partners (customer side), its customers.
  const partners = useLoad(['partners', 'orNull'], (signal) =>
    listPartners(api, { signal }).catch(() => null)
  );
  const tenantNames = useMemo(() => {
    const names = new Map<string, string>([[access.me.tenantId, access.me.tenantName]]);
    for (const c of access.partnerCustomers) names.set(c.customerTenantId, c.customerName);
    if (partners.state.kind === 'ready' && partners.state.data) {
      for (const p of partners.state.data.items) names.set(p.partnerTenantId, p.partnerName);
    }
    return names;
  }, [access, partners.state]);

  const exportCsv = async () => {
    const filter = toFilter({
      ...form,
      from: form.from || day(-EXPORT_DEFAULT_DAYS),
      to: form.to || day(0),
    });
    setExporting({ busy: true, error: null });
    try {
      const file = await exportAuditCsv(api, { ...filter, from: filter.from!, to: filter.to! });
      const fileName = file.fileName ?? 'audit.csv';
      saveBlob(file.blob, fileName);
      notify(t.exported(fileName));
      setExporting({ busy: false, error: null });
    } catch (error) {
      setExporting({ busy: false, error });
    }
  };

  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      <FilterBar
        label={t.filters}
        filters={filters}
        extra={
          <Button
            disabledFocusable={exporting.busy}
            icon={exporting.busy ? <Spinner size="tiny" /> : undefined}
            onClick={() => void exportCsv()}
          >
            {t.export}
          </Button>
        }
      >
        <DateRangeFilter filters={filters} />
        <FilterSelect
          label={t.category}
          {...filters.bind('category')}
          options={AUDIT_CATEGORIES.map((c) => [c, t.categories[c]] as const)}
        />
        <FilterSelect
          label={t.actorTenant}
          {...filters.bind('actorTenantId')}
          options={[...tenantNames]}
        />
        <FilterSelect
          label={t.result}
          {...filters.bind('result')}
          options={
            [
              ['Successful', t.successful],
              ['Failed', t.failed],
            ] as const
          }
        />
      </FilterBar>
      <Caption1>{t.exportHint(EXPORT_DEFAULT_DAYS)}</Caption1>
      {/* Names by default (kept in each record); the ids when someone needs them. */}
      <Switch checked={showIds} label={t.showIds} onChange={(_, d) => setShowIds(d.checked)} />
      {exporting.error ? <ErrorBar title={t.exportFailed} error={exporting.error} /> : null}

      <PagedTable
        list={records}
        text={t}
        label={t.tableLabel}
        className={styles.table}
        rowKey={(r) => r.id}
        columns={[
          {
            header: t.time,
            className: styles.time,
            headerClassName: styles.time,
            cell: (r: AuditRecord) => formatUtc(r.at),
          },
          {
            header: t.category,
            cell: (r) => t.categories[r.category as AuditCategory] ?? r.category,
          },
          {
            header: t.object,
            cell: (r) => (
              <>
                <span>{t.objectTypes[r.objectType] ?? r.objectType}</span>
                {r.objectName ? <span className={styles.sub}>{r.objectName}</span> : null}
                {showIds || !r.objectName ? (
                  <Caption1 className={`${styles.sub} ${styles.mono}`}>{r.objectId}</Caption1>
                ) : null}
                {r.detail ? <Caption1 className={styles.sub}>{r.detail}</Caption1> : null}
              </>
            ),
          },
          { header: t.operation, cell: (r) => t.operations[r.operation] ?? r.operation },
          {
            header: t.result,
            cell: (r) => (
              <Badge appearance="tint" color={r.result === 'Successful' ? 'success' : 'danger'}>
                {r.result === 'Successful' ? t.successful : t.failed}
              </Badge>
            ),
          },
          {
            header: t.actor,
            cell: (r) => (
              <>
                <span>{actorLabel(r, strings)}</span>
                <span className={styles.sub}>
                  {r.actorTenantName ?? tenantNames.get(r.actorTenantId) ?? r.actorTenantId}
                </span>
                {showIds ? (
                  <Caption1 className={`${styles.sub} ${styles.mono}`}>
                    {r.actorId} · {r.actorTenantId}
                  </Caption1>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </PageFrame>
  );
}
