import { Hono } from 'hono';
import { InterestStatus, PermitGroup, StopReason } from '../../shared/domain/interest.js';
import { ListingKind } from '../../shared/domain/listing.js';
import { ValidationError } from '../../shared/errors.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { regionReport, REPORTED_LISTING_STATUSES, REPORTED_STEPS, thisMonth, type RegionReport, type Split } from '../../shared/services/report.js';
import { reportCsv } from '../../shared/services/report-csv.js';
import { tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { blankForm, ErrorSummary, SelectField, TextField, type FormState } from './form.js';
import { number } from './format.js';
import { PortalPage } from './layout.js';

/**
 * The region report (docs/outcomes.md): a period of Dutch days, optionally one location; the
 * same RegionReport as tables and as a CSV for Dutch Excel. For the region's desk, its read-only
 * region managers and admins; `/portal/admin/report` is the admin's national totals.
 */
export function reportRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();

  /** The query as typed; an empty period is this Dutch calendar month. */
  function queryOf(c: PortalContext) {
    const month = thisMonth(p.ctx.clock.now());
    return { from: c.req.query('from') || month.from, to: c.req.query('to') || month.to, locationId: c.req.query('locationId') || undefined };
  }
  const search = (q: ReturnType<typeof queryOf>) => new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();

  async function page(c: PortalContext, regionId: string | undefined) {
    const query = queryOf(c);
    let report: RegionReport | undefined;
    let state: FormState = blankForm({ from: query.from, to: query.to, locationId: query.locationId ?? '' });
    try {
      report = await regionReport(p.deps.db, c.get('actor'), regionId, query);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      state = { ...state, errors: e.fields };
    }
    const directory = await getDirectory(p.deps.db);
    const area = regionId ? (directory.regions.find((r) => r.id === regionId)?.name ?? regionId) : tr(c, 'portal.report.allRegions');
    const title = regionId ? tr(c, 'portal.report.title', { region: area }) : tr(c, 'portal.report.national');
    const locale = c.get('locale');
    const labels = { from: tr(c, 'portal.report.from'), to: tr(c, 'portal.report.to'), locationId: tr(c, 'portal.report.location') };
    const action = regionId ? `/portal/desk/${regionId}/report` : '/portal/admin/report';
    const locations = directory.locations.filter((l) => !regionId || l.regionId === regionId);
    return c.html(
      <PortalPage c={c} title={title}>
        <h1>{title}</h1>
        <p class="hint">{tr(c, 'portal.report.intro')}</p>
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="get" action={action} class="filters" novalidate>
          <TextField locale={locale} state={state} name="from" label={labels.from} type="date" required />
          <TextField locale={locale} state={state} name="to" label={labels.to} type="date" required />
          <SelectField locale={locale} state={state} name="locationId" label={labels.locationId} empty={tr(c, 'portal.report.allLocations')} options={locations.map((l) => ({ value: l.id, label: l.name }))} />
          <button type="submit">{tr(c, 'portal.report.show')}</button>
        </form>
        {report ? <ReportTables c={c} report={report} csv={`${action}.csv?${search(query)}`} /> : null}
      </PortalPage>,
      report ? 200 : 422,
    );
  }

  async function csv(c: PortalContext, regionId: string | undefined) {
    const report = await regionReport(p.deps.db, c.get('actor'), regionId, queryOf(c));
    const directory = await getDirectory(p.deps.db);
    const area = regionId ? (directory.regions.find((r) => r.id === regionId)?.name ?? regionId) : 'Nederland';
    const location = report.locationId ? (directory.locations.find((l) => l.id === report.locationId)?.name ?? report.locationId) : undefined;
    const name = ['opweg', report.regionId ?? 'nederland', report.locationId, report.from, report.to].filter(Boolean).join('-');
    return c.body(reportCsv(report, { area, location }), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
  }

  app.get('/desk/:regionId/report', (c) => page(c, c.req.param('regionId')));
  app.get('/desk/:regionId/report.csv', (c) => csv(c, c.req.param('regionId')));
  app.get('/admin/report', (c) => page(c, undefined));
  app.get('/admin/report.csv', (c) => csv(c, undefined));
  return app;
}

/** A table of counts with their splits by kind and by permit group; `id` names each cell for tests and screen readers. */
function SplitTable(props: { c: PortalContext; id: string; rows: [string, string, Split][] }) {
  const { c } = props;
  return (
    <div class="table-scroll">
      <table id={props.id}>
        <thead>
          <tr>
            <th scope="col">{tr(c, 'portal.report.status')}</th>
            <th scope="col">{tr(c, 'portal.report.total')}</th>
            {ListingKind.options.map((k) => (
              <th scope="col">{tr(c, `kind.${k}`)}</th>
            ))}
            {PermitGroup.options.map((g) => (
              <th scope="col">{tr(c, `portal.permit.${g}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([key, label, s]) => (
            <tr data-row={key}>
              <th scope="row">{label}</th>
              <td data-col="total">{number(c, s.total)}</td>
              {ListingKind.options.map((k) => (
                <td data-col={k}>{number(c, s.byKind[k])}</td>
              ))}
              {PermitGroup.options.map((g) => (
                <td data-col={g}>{number(c, s.byPermit[g])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReportTables(props: { c: PortalContext; report: RegionReport; csv: string }) {
  const { c, report } = props;
  const status = (s: string) => tr(c, `portal.interestStatus.${s}` as PortalKey);
  const sectors = Object.entries(report.startsBySector).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p>
        <a href={props.csv} download>
          {tr(c, 'portal.report.csv')}
        </a>
      </p>
      <section id="report-residents">
        <h2>{tr(c, 'portal.report.residents')}</h2>
        <SplitTable c={c} id="residents" rows={[['unique', tr(c, 'portal.report.residents.unique'), report.residents]]} />
        <p>
          {tr(c, 'portal.report.residents.reactions')}: <span id="report-reactions">{number(c, report.reactions)}</span>
        </p>
      </section>
      <section id="report-outcomes">
        <h2>{tr(c, 'portal.report.outcomes')}</h2>
        <p class="hint">{tr(c, 'portal.report.outcomesHint')}</p>
        <SplitTable c={c} id="outcomes" rows={REPORTED_STEPS.map((s) => [s, status(s), report.outcomes[s]])} />
      </section>
      <section id="report-current">
        <h2>{tr(c, 'portal.report.current')}</h2>
        <p class="hint">{tr(c, 'portal.report.currentHint')}</p>
        <SplitTable c={c} id="current" rows={[...InterestStatus.options.map((s): [string, string, Split] => [s, status(s), report.current[s]]), ['total', tr(c, 'portal.report.total'), report.residents]]} />
      </section>
      <section id="report-lead-times">
        <h2>{tr(c, 'portal.report.leadTimes')}</h2>
        <table id="lead-times">
          <thead>
            <tr>
              <th scope="col">{tr(c, 'portal.report.status')}</th>
              <th scope="col">{tr(c, 'portal.report.lead.count')}</th>
              <th scope="col">{tr(c, 'portal.report.lead.median')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(report.leadTimes).map(([k, lead]) => (
              <tr data-row={k}>
                <th scope="row">{tr(c, `portal.report.lead.${k}` as PortalKey)}</th>
                <td data-col="count">{number(c, lead.count)}</td>
                <td data-col="median">{lead.median === undefined ? '–' : number(c, lead.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section id="report-stop-reasons">
        <h2>{tr(c, 'portal.report.stopReasons')}</h2>
        <table id="stop-reasons">
          <tbody>
            {StopReason.options.map((r) => (
              <tr data-row={r}>
                <th scope="row">{tr(c, `portal.stopReason.${r}`)}</th>
                <td data-col="total">{number(c, report.stopReasons[r])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section id="report-listings">
        <h2>{tr(c, 'portal.report.listings')}</h2>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr(c, 'portal.report.kind')}</th>
                {REPORTED_LISTING_STATUSES.map((s) => (
                  <th scope="col">{tr(c, `status.${s}`)}</th>
                ))}
                <th scope="col">{tr(c, 'portal.report.total')}</th>
              </tr>
            </thead>
            <tbody>
              {ListingKind.options.map((kind) => {
                const byStatus = report.listings[kind];
                return (
                  <tr data-kind={kind}>
                    <th scope="row">{tr(c, `kind.${kind}`)}</th>
                    {REPORTED_LISTING_STATUSES.map((s) => (
                      <td data-status={s}>{number(c, byStatus[s] ?? 0)}</td>
                    ))}
                    <td>{number(c, Object.values(byStatus).reduce((a, b) => a + b, 0))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section id="report-placements">
        <h2>{tr(c, 'portal.report.placements')}</h2>
        {sectors.length === 0 ? (
          <p>{tr(c, 'portal.report.noPlacements')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{tr(c, 'portal.report.sector')}</th>
                <th scope="col">{tr(c, 'portal.report.count')}</th>
              </tr>
            </thead>
            <tbody>
              {sectors.map(([sector, count]) => (
                <tr>
                  <th scope="row">{sector === '—' ? tr(c, 'portal.report.noSector') : sector}</th>
                  <td>{number(c, count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
