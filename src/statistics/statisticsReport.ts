/**
 * Adds the anonymous counters of a period up into what GET /api/staff/stats answers (CONTRACT.md's
 * shape, plus the series the charts draw: per day, per dialog state, per ISO week, per weekday and
 * hour). Days, weeks and hours are Europe/Oslo time; a counter's UTC hour maps to one Oslo hour.
 * Median and 90th percentile waits are read from the wait histogram: the upper bound of the bucket
 * the rank falls in ("at most N minutes"), null when nobody was accepted.
 */
import { DateTime } from 'luxon';
import { CHANNELS, type Channel, TOPIC_INTENTS, type TopicIntent } from '../domain/domain.js';
import { OPENING_HOURS_ZONE } from '../handover/openingHours.js';
import type { CounterRow, HandoverOutcome } from '../storage/ports.js';
import { FEEDBACK_RATINGS, METRICS, WAIT_BUCKETS, WAIT_OVERFLOW } from './metrics.js';
import type { StatisticsLabel } from './statisticsLabels.js';
import type { StatisticsPeriod } from './statisticsPeriod.js';

export const OUTCOMES = ['answered', 'referred', 'no_contact', 'other'] as const satisfies readonly HandoverOutcome[];

export interface WaitPercentiles {
  p50: number | null;
  p90: number | null;
}

export interface StatisticsReport {
  from: string;
  to: string;
  conversations: number;
  byChannel: Record<Channel, number>;
  topics: Record<TopicIntent, number>;
  notUnderstood: number;
  /** messages the bot read (the base of the not-understood share) */
  messagesRead: number;
  handovers: { requested: number; accepted: number; abandoned: number; callbacks: number };
  crisis: number;
  waitMinutes: WaitPercentiles;
  outcomes: Record<HandoverOutcome, number>;
  feedback: Record<(typeof FEEDBACK_RATINGS)[number], number>;
  feedbackAsked: number;
  perDay: Array<{ date: string } & Record<Channel, number>>;
  notUnderstoodByState: Array<{ state: string; messages: number; notUnderstood: number }>;
  waitMinutesByWeek: Array<{ week: string; accepted: number } & WaitPercentiles>;
  crisisByWeek: Array<{ week: string; crisis: number }>;
  /** conversations started, by Oslo weekday (1 = Monday) and hour */
  busiestHours: Array<{ weekday: number; hour: number; conversations: number }>;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function isOneOf<K extends string>(keys: readonly K[], value: string): value is K {
  return (keys as readonly string[]).includes(value);
}

function weekOf(day: DateTime): string {
  return `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`;
}

export function buildStatisticsReport(period: StatisticsPeriod, rows: CounterRow[]): StatisticsReport {
  const report: StatisticsReport = {
    from: period.from,
    to: period.to,
    conversations: 0,
    byChannel: zeros(CHANNELS),
    topics: zeros(TOPIC_INTENTS),
    notUnderstood: 0,
    messagesRead: 0,
    handovers: { requested: 0, accepted: 0, abandoned: 0, callbacks: 0 },
    crisis: 0,
    waitMinutes: { p50: null, p90: null },
    outcomes: zeros(OUTCOMES),
    feedback: zeros(FEEDBACK_RATINGS),
    feedbackAsked: 0,
    perDay: [],
    notUnderstoodByState: [],
    waitMinutesByWeek: [],
    crisisByWeek: [],
    busiestHours: [],
  };
  const days = new Map<string, { date: string } & Record<Channel, number>>();
  const weeks = new Map<string, { waits: Map<string, number>; crisis: number }>();
  const first = DateTime.fromISO(period.from, { zone: OPENING_HOURS_ZONE });
  const last = DateTime.fromISO(period.to, { zone: OPENING_HOURS_ZONE });
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate() ?? '';
    days.set(date, { date, ...zeros(CHANNELS) });
    if (!weeks.has(weekOf(day))) weeks.set(weekOf(day), { waits: new Map(), crisis: 0 });
  }
  const states = new Map<string, { state: string; messages: number; notUnderstood: number }>();
  const stateOf = (state: string) => {
    const known = states.get(state) ?? { state, messages: 0, notUnderstood: 0 };
    states.set(state, known);
    return known;
  };
  const allWaits = new Map<string, number>();
  const hours = new Map<string, number>();

  for (const row of rows) {
    const local = DateTime.fromJSDate(row.hourStart, { zone: OPENING_HOURS_ZONE });
    const day = days.get(local.toISODate() ?? '');
    const week = weeks.get(weekOf(local));
    const { dimension, value } = row;
    switch (row.metric) {
      case METRICS.conversationStarted:
        report.conversations += value;
        if (isOneOf(CHANNELS, dimension)) {
          report.byChannel[dimension] += value;
          if (day) day[dimension] += value;
        }
        hours.set(`${local.weekday}:${local.hour}`, (hours.get(`${local.weekday}:${local.hour}`) ?? 0) + value);
        break;
      case METRICS.topicAnswered:
        if (isOneOf(TOPIC_INTENTS, dimension)) report.topics[dimension] += value;
        break;
      case METRICS.messageRead:
        report.messagesRead += value;
        stateOf(dimension).messages += value;
        break;
      case METRICS.notUnderstood:
        report.notUnderstood += value;
        stateOf(dimension).notUnderstood += value;
        break;
      case METRICS.handoverRequested:
        report.handovers.requested += value;
        break;
      case METRICS.handoverAccepted:
        report.handovers.accepted += value;
        break;
      case METRICS.handoverAbandoned:
        report.handovers.abandoned += value;
        break;
      case METRICS.callbackRequested:
        report.handovers.callbacks += value;
        break;
      case METRICS.waitMinutes:
        allWaits.set(dimension, (allWaits.get(dimension) ?? 0) + value);
        week?.waits.set(dimension, (week.waits.get(dimension) ?? 0) + value);
        break;
      case METRICS.crisisConversation:
        report.crisis += value;
        if (week) week.crisis += value;
        break;
      case METRICS.outcome:
        if (isOneOf(OUTCOMES, dimension)) report.outcomes[dimension] += value;
        break;
      case METRICS.feedbackAsked:
        report.feedbackAsked += value;
        break;
      case METRICS.feedbackAnswer:
        if (isOneOf(FEEDBACK_RATINGS, dimension)) report.feedback[dimension] += value;
        break;
    }
  }

  report.waitMinutes = percentiles(allWaits);
  report.perDay = [...days.values()];
  report.notUnderstoodByState = [...states.values()].sort(
    (a, b) => b.notUnderstood - a.notUnderstood || b.messages - a.messages,
  );
  for (const [week, { waits, crisis }] of weeks) {
    report.waitMinutesByWeek.push({ week, accepted: sum(waits), ...percentiles(waits) });
    report.crisisByWeek.push({ week, crisis });
  }
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      report.busiestHours.push({ weekday, hour, conversations: hours.get(`${weekday}:${hour}`) ?? 0 });
    }
  }
  return report;
}

function sum(histogram: Map<string, number>): number {
  let total = 0;
  for (const value of histogram.values()) total += value;
  return total;
}

const BUCKET_ORDER: readonly string[] = [...WAIT_BUCKETS.map(String), WAIT_OVERFLOW];
/** what an overflowing wait is reported as: the largest bound ("at least") */
const OVERFLOW_MINUTES = WAIT_BUCKETS[WAIT_BUCKETS.length - 1] ?? 0;

function percentiles(histogram: Map<string, number>): WaitPercentiles {
  const total = sum(histogram);
  if (total === 0) return { p50: null, p90: null };
  const at = (share: number): number => {
    const rank = Math.ceil(share * total);
    let seen = 0;
    for (const bucket of BUCKET_ORDER) {
      seen += histogram.get(bucket) ?? 0;
      if (seen >= rank) return bucket === WAIT_OVERFLOW ? OVERFLOW_MINUTES : Number(bucket);
    }
    return OVERFLOW_MINUTES;
  };
  return { p50: at(0.5), p90: at(0.9) };
}

/**
 * The report as CSV: one `section,key,value` line per number, every series included; given `label`,
 * a fourth column with the words for the key (statisticsLabels.ts).
 */
export function statisticsCsv(report: StatisticsReport, label?: StatisticsLabel): string {
  const lines: Array<readonly [string, string, string | number | null]> = [
    ['period', 'from', report.from],
    ['period', 'to', report.to],
    ['conversations', 'total', report.conversations],
    ...Object.entries(report.byChannel).map(([key, value]) => ['byChannel', key, value] as const),
    ...Object.entries(report.topics).map(([key, value]) => ['topics', key, value] as const),
    ['notUnderstood', 'total', report.notUnderstood],
    ['messagesRead', 'total', report.messagesRead],
    ...Object.entries(report.handovers).map(([key, value]) => ['handovers', key, value] as const),
    ['crisis', 'total', report.crisis],
    ['waitMinutes', 'p50', report.waitMinutes.p50],
    ['waitMinutes', 'p90', report.waitMinutes.p90],
    ...Object.entries(report.outcomes).map(([key, value]) => ['outcomes', key, value] as const),
    ...Object.entries(report.feedback).map(([key, value]) => ['feedback', key, value] as const),
    ['feedbackAsked', 'total', report.feedbackAsked],
    ...report.perDay.flatMap((day) =>
      CHANNELS.map((channel) => [`perDay.${channel}`, day.date, day[channel]] as const),
    ),
    ...report.notUnderstoodByState.flatMap((row) => [
      ['notUnderstoodByState.messages', row.state, row.messages] as const,
      ['notUnderstoodByState.notUnderstood', row.state, row.notUnderstood] as const,
    ]),
    ...report.waitMinutesByWeek.flatMap((row) => [
      ['waitMinutesByWeek.accepted', row.week, row.accepted] as const,
      ['waitMinutesByWeek.p50', row.week, row.p50] as const,
      ['waitMinutesByWeek.p90', row.week, row.p90] as const,
    ]),
    ...report.crisisByWeek.map((row) => ['crisisByWeek', row.week, row.crisis] as const),
    ...report.busiestHours.map(
      (row) => ['busiestHours', `${row.weekday}-${String(row.hour).padStart(2, '0')}`, row.conversations] as const,
    ),
  ];
  const header = label ? 'section,key,value,label' : 'section,key,value';
  const row = ([section, key, value]: (typeof lines)[number]) =>
    `${section},${key},${value ?? ''}${label ? `,${csvField(label(section, key))}` : ''}`;
  return `${header}\n${lines.map(row).join('\n')}\n`;
}

/** a field as CSV writes it: quoted when it holds a comma, a quote or a line break */
function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
