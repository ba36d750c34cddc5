import { Hono } from 'hono';
import { ListingKind, ListingStatus } from '../../shared/domain/listing.js';
import { ValidationError } from '../../shared/errors.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { regionReport, reportCsv, type RegionReport } from '../../shared/services/report.js';
import { tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { blankForm, ErrorSummary, SelectField, TextField, type FormState } from './form.js';
import { PortalPage } from './layout.js';

/**
 * The region report desks give COA and the municipality (docs/domain.md, "Outcomes the desks report"): a period,
 * optionally one location; counts as tables and as CSV. Aggregates only.
 */
export function reportRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();

  /** The query as typed; an empty period is this month (UTC, as the report counts). */
  function queryOf(c: PortalContext) {
    const today = p.ctx.clock.now();
    const month = today.toISOString().slice(0, 7);
    const lastDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    return { from: c.req.query('from') || `${month}-01`, to: c.req.query('to') || lastDay, locationId: c.req.query('locationId') || undefined };
  }
  const search = (q: ReturnType<typeof queryOf>) => new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();

  app.get('/desk/:regionId/report', async (c) => {
    const regionId = c.req.param('regionId');
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
    const region = directory.regions.find((r) => r.id === regionId)?.name ?? regionId;
    const locale = c.get('locale');
    const labels = { from: tr(c, 'portal.report.from'), to: tr(c, 'portal.report.to'), locationId: tr(c, 'portal.report.location') };
    const action = `/portal/desk/${regionId}/report`;
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.report.title', { region })}>
        <h1>{tr(c, 'portal.report.title', { region })}</h1>
        <p class="hint">{tr(c, 'portal.report.intro')}</p>
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="get" action={action} class="filters" novalidate>
          <TextField locale={locale} state={state} name="from" label={labels.from} type="date" required />
          <TextField locale={locale} state={state} name="to" label={labels.to} type="date" required />
          <SelectField
            locale={locale}
            state={state}
            name="locationId"
            label={labels.locationId}
            empty={tr(c, 'portal.report.allLocations')}
            options={directory.locations.filter((l) => l.regionId === regionId).map((l) => ({ value: l.id, label: l.name }))}
          />
          <button type="submit">{tr(c, 'portal.report.show')}</button>
        </form>
        {report ? <ReportTables c={c} report={report} csv={`${action}.csv?${search(query)}`} /> : null}
      </PortalPage>,
      report ? 200 : 422,
    );
  });

  app.get('/desk/:regionId/report.csv', async (c) => {
    const report = await regionReport(p.deps.db, c.get('actor'), c.req.param('regionId'), queryOf(c));
    const name = ['opweg', report.regionId, report.locationId, report.from, report.to].filter(Boolean).join('-');
    return c.body(reportCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
  });

  return app;
}

function ReportTables(props: { c: PortalContext; report: RegionReport; csv: string }) {
  const { c, report } = props;
  const sectors = Object.entries(report.placementsBySector).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p>
        <a href={props.csv} download>
          {tr(c, 'portal.report.csv')}
        </a>
      </p>
      <section id="report-residents">
        <h2>{tr(c, 'portal.report.residents')}</h2>
        <table>
          <tbody>
            {Object.entries(report.residents).map(([key, count]) => (
              <tr>
                <th scope="row">{tr(c, `portal.report.residents.${key}` as PortalKey)}</th>
                <td id={`report-${key}`}>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section id="report-listings">
        <h2>{tr(c, 'portal.report.listings')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{tr(c, 'portal.report.kind')}</th>
              {ListingStatus.options.map((s) => (
                <th scope="col">{tr(c, `status.${s}`)}</th>
              ))}
              <th scope="col">{tr(c, 'portal.report.total')}</th>
            </tr>
          </thead>
          <tbody>
            {ListingKind.options.map((kind) => {
              const byStatus = report.listings[kind] ?? {};
              return (
                <tr data-kind={kind}>
                  <th scope="row">{tr(c, `kind.${kind}`)}</th>
                  {ListingStatus.options.map((s) => (
                    <td data-status={s}>{byStatus[s] ?? 0}</td>
                  ))}
                  <td>{Object.values(byStatus).reduce((a, b) => a + b, 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
