// Statistics (coordinators): anonymous counts for a period, each as a chart (Chart.js, loaded by the
// page as window.Chart) with the same numbers in a table beside it for screen readers, and CSV export.
import { html, useEffect, useRef } from '../lib/html.js';
import { currentLanguage } from '../lib/strings.js';
import { PeriodPicker, usePeriodAnswer } from './period.js';

const CHANNELS = ['sms', 'webchat', 'cli'];
const OUTCOMES = ['answered', 'referred', 'no_contact', 'other'];
const RATINGS = ['1', '2', '3', '4', '5'];

/** one chart and its table; the chart is redrawn when its data changes */
function ChartFigure({ id, title, type, labels, datasets, columns, rows, options = {} }) {
  const canvas = useRef(null);
  useEffect(() => {
    if (!window.Chart || !canvas.current) return undefined;
    const chart = new window.Chart(canvas.current, {
      type,
      data: { labels, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, ...options },
    });
    return () => chart.destroy();
  }, [JSON.stringify({ labels, datasets })]);
  return html`<figure class="stat" id=${`chart-${id}`} aria-labelledby=${`title-${id}`}>
    <h3 id=${`title-${id}`}>${title}</h3>
    <div class="chart-box"><canvas ref=${canvas} aria-hidden="true"></canvas></div>
    <${DataTable} caption=${title} columns=${columns} rows=${rows} />
  </figure>`;
}

function DataTable({ caption, columns, rows }) {
  return html`<table class="data">
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr>${columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>${row.map((cell, index) => (index === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`,
      )}
    </tbody>
  </table>`;
}

/** the words for a topic (console.json `topics`) and for a place in the dialog; the id if there are none */
const topicName = (t, id) => t(`topics.${id}`, { defaultValue: id });
const stateName = (t, state) => t(`staff.stats.states.${state}`, { defaultValue: state });

const percent = (part, whole) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`);
const orDash = (value) => (value === null || value === undefined ? '–' : value);

/** weekday × hour as a grid of shaded cells (a table: it is read as one) */
function BusiestHours({ t, cells }) {
  const max = Math.max(1, ...cells.map((cell) => cell.conversations));
  const hours = [...Array(24).keys()];
  return html`<figure class="stat" id="chart-busiest" aria-labelledby="title-busiest">
    <h3 id="title-busiest">${t('staff.stats.busiest')}</h3>
    <div class="heat-scroll">
      <table class="heat">
        <caption class="visually-hidden">${t('staff.stats.busiest')}</caption>
        <thead><tr><th scope="col">${t('staff.stats.weekday')}</th>${hours.map((hour) => html`<th scope="col">${String(hour).padStart(2, '0')}</th>`)}</tr></thead>
        <tbody>
          ${[1, 2, 3, 4, 5, 6, 7].map(
            (weekday) => html`<tr>
              <th scope="row">${t(`staff.stats.weekdays.${weekday}`)}</th>
              ${hours.map((hour) => {
                const value = cells.find((cell) => cell.weekday === weekday && cell.hour === hour)?.conversations ?? 0;
                return html`<td class=${`heat-${Math.ceil((4 * value) / max)}`}>${value}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </figure>`;
}

function Charts({ t, report }) {
  const channelName = (channel) => t(`staff.stats.channels.${channel}`);
  const topicIds = Object.keys(report.topics);
  const handoverKeys = ['requested', 'accepted', 'abandoned', 'callbacks'];
  return html`
    <p class="summary" id="stats-summary">${t('staff.stats.summary', report)}</p>
    <div class="stats-grid">
      <${ChartFigure} id="perDay" title=${t('staff.stats.perDay')} type="bar"
        labels=${report.perDay.map((day) => day.date)}
        datasets=${CHANNELS.map((channel) => ({ label: channelName(channel), data: report.perDay.map((day) => day[channel]) }))}
        options=${{ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }}
        columns=${[t('staff.stats.date'), ...CHANNELS.map(channelName)]}
        rows=${report.perDay.map((day) => [day.date, ...CHANNELS.map((channel) => day[channel])])} />
      <${ChartFigure} id="topics" title=${t('staff.stats.topics')} type="bar"
        labels=${[...topicIds.map((id) => topicName(t, id)), t('staff.stats.notUnderstood')]}
        datasets=${[{ label: t('staff.stats.count'), data: [...topicIds.map((id) => report.topics[id]), report.notUnderstood] }]}
        options=${{ indexAxis: 'y', plugins: { legend: { display: false } } }}
        columns=${[t('staff.stats.topic'), t('staff.stats.count')]}
        rows=${[...topicIds.map((id) => [topicName(t, id), report.topics[id]]), [t('staff.stats.notUnderstood'), report.notUnderstood]]} />
      <${ChartFigure} id="notUnderstood" title=${t('staff.stats.notUnderstoodByState')} type="bar"
        labels=${report.notUnderstoodByState.map((row) => stateName(t, row.state))}
        datasets=${[{ label: t('staff.stats.share'), data: report.notUnderstoodByState.map((row) => (row.messages === 0 ? 0 : Math.round((100 * row.notUnderstood) / row.messages))) }]}
        options=${{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, max: 100 } } }}
        columns=${[t('staff.stats.state'), t('staff.stats.messages'), t('staff.stats.notUnderstood'), t('staff.stats.share')]}
        rows=${report.notUnderstoodByState.map((row) => [stateName(t, row.state), row.messages, row.notUnderstood, percent(row.notUnderstood, row.messages)])} />
      <${ChartFigure} id="handovers" title=${t('staff.stats.handovers')} type="bar"
        labels=${handoverKeys.map((key) => t(`staff.stats.${key}`))}
        datasets=${[{ label: t('staff.stats.count'), data: handoverKeys.map((key) => report.handovers[key]) }]}
        options=${{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
        columns=${[t('staff.stats.handovers'), t('staff.stats.count')]}
        rows=${handoverKeys.map((key) => [t(`staff.stats.${key}`), report.handovers[key]])} />
      <${ChartFigure} id="wait" title=${t('staff.stats.wait')} type="line"
        labels=${report.waitMinutesByWeek.map((row) => row.week)}
        datasets=${[
          { label: t('staff.stats.p50'), data: report.waitMinutesByWeek.map((row) => row.p50) },
          { label: t('staff.stats.p90'), data: report.waitMinutesByWeek.map((row) => row.p90) },
        ]}
        options=${{ spanGaps: true, scales: { y: { beginAtZero: true } } }}
        columns=${[t('staff.stats.week'), t('staff.stats.accepted2'), t('staff.stats.p50'), t('staff.stats.p90')]}
        rows=${report.waitMinutesByWeek.map((row) => [row.week, row.accepted, orDash(row.p50), orDash(row.p90)])} />
      <${ChartFigure} id="crisis" title=${t('staff.stats.crisis')} type="bar"
        labels=${report.crisisByWeek.map((row) => row.week)}
        datasets=${[{ label: t('staff.stats.crisisCount'), data: report.crisisByWeek.map((row) => row.crisis) }]}
        options=${{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
        columns=${[t('staff.stats.week'), t('staff.stats.crisisCount')]}
        rows=${report.crisisByWeek.map((row) => [row.week, row.crisis])} />
      <${ChartFigure} id="outcomes" title=${t('staff.stats.outcomes')} type="bar"
        labels=${OUTCOMES.map((outcome) => t(`staff.stats.outcomeNames.${outcome}`))}
        datasets=${[{ label: t('staff.stats.count'), data: OUTCOMES.map((outcome) => report.outcomes[outcome]) }]}
        options=${{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
        columns=${[t('staff.stats.outcome'), t('staff.stats.count')]}
        rows=${OUTCOMES.map((outcome) => [t(`staff.stats.outcomeNames.${outcome}`), report.outcomes[outcome]])} />
      <${ChartFigure} id="feedback" title=${t('staff.stats.feedback')} type="bar"
        labels=${RATINGS}
        datasets=${[{ label: t('staff.stats.count'), data: RATINGS.map((rating) => report.feedback[rating]) }]}
        options=${{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
        columns=${[t('staff.stats.rating'), t('staff.stats.count')]}
        rows=${[...RATINGS.map((rating) => [rating, report.feedback[rating]])]} />
    </div>
    <p class="meta">${t('staff.stats.asked', { count: report.feedbackAsked })} · ${t('staff.stats.waitNote')}</p>
    <${BusiestHours} t=${t} cells=${report.busiestHours} />
  `;
}

export function StatsView({ t, api }) {
  const { period, setPeriod, query, answer: state } = usePeriodAnswer(api, '/api/staff/stats', '30');
  return html`<section class="stats" aria-labelledby="stats-title">
    <h2 id="stats-title">${t('staff.stats.title')}</h2>
    <p>${t('staff.stats.intro')}</p>
    <${PeriodPicker} t=${t} period=${period} onChange=${setPeriod} />
    <p><a class="csv" href=${`/api/staff/stats?${query}&format=csv&lng=${currentLanguage()}`} download>${t('staff.stats.csv')}</a></p>
    <div aria-live="polite">
      ${state.loading ? html`<p>${t('staff.stats.loading')}</p>` : null}
      ${state.error !== undefined ? html`<p class="form-error" role="alert">${t('staff.stats.error', { reason: state.error })}</p>` : null}
    </div>
    ${state.data ? html`<${Charts} t=${t} report=${state.data} />` : null}
  </section>`;
}
