/**
 * The coordinators' statistics, unanswered samples and audit log (CONTRACT.md, Staff API). Every
 * route starts with the coordinator guard (Origin, session, role: 403 / 401 / 403); bad periods are
 * answered 400 with the reason, as the mentor API does.
 *
 *   GET /api/staff/stats?from=YYYY-MM-DD&to=YYYY-MM-DD | ?days=7|30|90   (&format=csv, &lng=nb|nn|en
 *                                                                        for a column of words)
 *   GET /api/staff/unanswered?from&to|days   masked texts the bot did not understand (KEEP_UNANSWERED_SAMPLES),
 *                                            with the intents a coordinator can file them under
 *   GET /api/staff/audit?from&to|days        [{at, actor, action, target}]
 */
import type { Request, Response, Server } from 'restify';
import { toAuditView } from '../audit/auditLog.js';
import { INTENTS, LOCALES } from '../domain/domain.js';
import type { Translations } from '../i18n/i18n.js';
import { sendMentorError } from '../mentor/mentorHttp.js';
import type { AuthenticatedMentor } from '../mentor/mentorSessions.js';
import type { Store } from '../storage/ports.js';
import { statisticsLabels } from './statisticsLabels.js';
import { parsePeriod, type StatisticsPeriod } from './statisticsPeriod.js';
import { buildStatisticsReport, statisticsCsv } from './statisticsReport.js';

export interface StaffStatisticsRoutesDeps {
  store: Store;
  clock: () => Date;
  /** the logged-in coordinator, or undefined after answering 403 (origin, not a coordinator) or 401 */
  requireCoordinator(req: Request, res: Response): Promise<AuthenticatedMentor | undefined>;
  keepUnansweredSamples: boolean;
  /** RETENTION_DAYS: how long the samples are kept (the page says so) */
  retentionDays: number;
  /** the words of the CSV's label column */
  translations: Pick<Translations, 't' | 'exists'>;
}

/** the intents an example line may be filed under (CONTRACT.md, Intents), the topics first */
export const EXAMPLE_INTENTS = INTENTS.filter((intent) => intent !== 'unknown');

/** a page of the audit log or of samples is a period's worth; beyond this the period must be shorter */
const MAX_ROWS = 5000;

export function registerStaffStatisticsRoutes(server: Server, deps: StaffStatisticsRoutesDeps): void {
  const { store, clock, requireCoordinator } = deps;

  /** the coordinator and the period asked for, or undefined after answering 401/403/400 */
  async function guarded(req: Request, res: Response): Promise<StatisticsPeriod | undefined> {
    if (!(await requireCoordinator(req, res))) return undefined;
    const query = (req.query ?? {}) as Record<string, unknown>;
    const { format: _format, ...periodQuery } = query;
    const result = parsePeriod(periodQuery, clock());
    if (!result.ok) {
      sendMentorError(res, 400, 'invalid_query', { reason: result.reason });
      return undefined;
    }
    res.header('Cache-Control', 'no-store');
    return result.period;
  }

  server.get('/api/staff/stats', async (req: Request, res: Response) => {
    const period = await guarded(req, res);
    if (!period) return;
    const { format, lng } = (req.query ?? {}) as Record<string, unknown>;
    if (format !== undefined && format !== 'csv' && format !== 'json') {
      sendMentorError(res, 400, 'invalid_query', { reason: 'format must be csv or json' });
      return;
    }
    const locale = LOCALES.find((candidate) => candidate === lng);
    if (lng !== undefined && !locale) {
      sendMentorError(res, 400, 'invalid_query', { reason: `lng must be one of ${LOCALES.join(', ')}` });
      return;
    }
    const rows = await store.transaction(null, (uow) => uow.statistics.listBetween(period.start, period.end));
    const report = buildStatisticsReport(period, rows);
    if (format !== 'csv') {
      res.json(200, report);
      return;
    }
    const body = statisticsCsv(report, locale ? statisticsLabels(deps.translations, locale) : undefined);
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="statistikk-${period.from}-${period.to}.csv"`,
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });

  server.get('/api/staff/unanswered', async (req: Request, res: Response) => {
    const period = await guarded(req, res);
    if (!period) return;
    const samples = await store.transaction(null, (uow) =>
      uow.unansweredSamples.listBetween(period.start, period.end, MAX_ROWS),
    );
    res.json(200, {
      enabled: deps.keepUnansweredSamples,
      retentionDays: deps.retentionDays,
      from: period.from,
      to: period.to,
      intents: EXAMPLE_INTENTS,
      samples: samples.map((sample) => ({
        id: sample.id,
        hour: sample.receivedHour.toISOString(),
        locale: sample.locale,
        state: sample.dialogState,
        text: sample.text,
        // src/nlu/data/examples/<locale>.json holds {"intent": ["example", …]}: this is one such example
        exampleFile: `src/nlu/data/examples/${sample.locale}.json`,
        exampleLine: JSON.stringify(sample.text),
      })),
    });
  });

  server.get('/api/staff/audit', async (req: Request, res: Response) => {
    const period = await guarded(req, res);
    if (!period) return;
    const rows = await store.transaction(null, (uow) => uow.auditLog.listBetween(period.start, period.end, MAX_ROWS));
    res.json(200, rows.map(toAuditView));
  });
}
