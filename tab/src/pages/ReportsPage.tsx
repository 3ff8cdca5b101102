/**
 * The report summary of the chosen customer (PRODUCT.md §4.12, Reports › View): room health
 * counts and open incidents by severity and type, opened and closed over 7 and 30 days, all
 * over the rooms the caller may see. Each block is a bar chart (a picture for the eye) above a
 * small table with the same numbers (for screen readers and anyone who wants the figures).
 */
import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { getReportSummary } from '../api/resources.ts';
import { ROOM_HEALTH } from '../api/rooms.ts';
import { useStrings } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import type { PageProps } from '../page-props.ts';
import { NoCustomer } from '../components/NoCustomer.tsx';
import { CustomerPageFrame } from '../components/PageFrame.tsx';
import { LoadStates } from '../components/PageStates.tsx';
import { SimpleTable } from '../components/SimpleTable.tsx';
import { BarChart } from '../components/BarChart.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useLoad } from '../components/useLoad.ts';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
});

export function ReportsPage({ api, customer, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.reports;
  const shared = useSharedStyles();
  const styles = useStyles();
  const customerId = customer?.tenantId ?? '';
  const summary = useLoad(['reports', customerId], async (signal) =>
    customerId ? await getReportSummary(api, customerId, signal) : null
  );
  if (!customer) return <NoCustomer title={t.title} focusHeading={focusHeading} />;

  const typeName = (type: string) =>
    (strings.incidents.types as Record<string, string>)[type] ?? type;
  const severityName = (s: string) =>
    (strings.incidents.severities as Record<string, string>)[s] ?? s;

  return (
    <CustomerPageFrame text={t} customer={customer} focusHeading={focusHeading}>
      <LoadStates loaded={summary} loading={t.loading} failed={t.loadFailed}>
        {(report) =>
          report ? (
            <>
              <span className={shared.sub}>
                {t.generated(formatDateTime(report.generatedAt, strings))}
              </span>
              <div className={styles.grid}>
                <CountTable
                  title={`${t.roomsTitle} (${t.totalRooms(report.rooms.total)})`}
                  rows={ROOM_HEALTH.map((h) => [
                    strings.rooms.healthNames[h],
                    report.rooms.byHealth[h] ?? 0,
                  ])}
                />
                <CountTable
                  title={t.bySeverity}
                  rows={Object.entries(report.incidents.openBySeverity).map(([s, n]) => [
                    severityName(s),
                    n,
                  ])}
                />
                <CountTable
                  title={t.byType}
                  rows={Object.entries(report.incidents.openByType).map(([ty, n]) => [
                    typeName(ty),
                    n,
                  ])}
                />
                <section className={shared.section} aria-label={t.activityTitle}>
                  <Subtitle2 as="h2" className={shared.heading}>
                    {t.activityTitle}
                  </Subtitle2>
                  <BarChart
                    title={t.activityTitle}
                    bars={[
                      {
                        label: `${t.opened} · ${t.last7}`,
                        value: report.incidents.opened.last7Days,
                      },
                      {
                        label: `${t.closed} · ${t.last7}`,
                        value: report.incidents.closed.last7Days,
                        alternate: true,
                      },
                      {
                        label: `${t.opened} · ${t.last30}`,
                        value: report.incidents.opened.last30Days,
                      },
                      {
                        label: `${t.closed} · ${t.last30}`,
                        value: report.incidents.closed.last30Days,
                        alternate: true,
                      },
                    ]}
                  />
                  <SimpleTable
                    label={t.activityTitle}
                    rowKey={(row) => row.period}
                    rows={[
                      {
                        period: t.last7,
                        opened: report.incidents.opened.last7Days,
                        closed: report.incidents.closed.last7Days,
                      },
                      {
                        period: t.last30,
                        opened: report.incidents.opened.last30Days,
                        closed: report.incidents.closed.last30Days,
                      },
                    ]}
                    columns={[
                      { header: t.period, cell: (row) => row.period },
                      { header: t.opened, cell: (row) => row.opened },
                      { header: t.closed, cell: (row) => row.closed },
                    ]}
                  />
                </section>
              </div>
            </>
          ) : null
        }
      </LoadStates>
    </CustomerPageFrame>
  );
}

/** A titled two-column table of counts; "None" when there are no rows. */
function CountTable({ title, rows }: { title: string; rows: [string, number][] }) {
  const strings = useStrings();
  const shared = useSharedStyles();
  return (
    <section className={shared.section} aria-label={title}>
      <Subtitle2 as="h2" className={shared.heading}>
        {title}
      </Subtitle2>
      {rows.length === 0 ? (
        <span className={shared.sub}>{strings.reports.none}</span>
      ) : (
        <>
          <BarChart title={title} bars={rows.map(([label, value]) => ({ label, value }))} />
          <SimpleTable
            label={title}
            rows={rows}
            rowKey={([label]) => label}
            columns={[
              { header: strings.roleAdmin.name, cell: ([label]) => label },
              { header: strings.reports.count, cell: ([, n]) => n },
            ]}
          />
        </>
      )}
    </section>
  );
}
