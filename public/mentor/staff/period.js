// The period picker the statistics, unanswered and audit pages share: the last 7, 30 or 90 days, or
// two dates. `query` is what the staff API reads: `days=30` or `from=…&to=…`.
import { html, useEffect, useState } from '../lib/html.js';

const PRESETS = ['7', '30', '90'];

function queryOf(period) {
  return period.days ? `days=${period.days}` : `from=${period.from}&to=${period.to}`;
}

/**
 * A page's period (the last `days` at first) and what `path` answered for it: { loading: true },
 * { data } or { error } (the server's reason). An answer for a period no longer chosen is dropped.
 */
export function usePeriodAnswer(api, path, days) {
  const [period, setPeriod] = useState({ days });
  const [answer, setAnswer] = useState({ loading: true });
  const query = queryOf(period);
  useEffect(() => {
    let current = true;
    setAnswer({ loading: true });
    api('GET', `${path}?${query}`).then(({ ok, data }) => {
      if (current) setAnswer(ok ? { data } : { error: data?.reason ?? data?.error ?? '' });
    });
    return () => {
      current = false;
    };
  }, [query]);
  return { period, setPeriod, query, answer };
}

export function PeriodPicker({ t, period, onChange }) {
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const submit = (event) => {
    event.preventDefault();
    if (from && to) onChange({ from, to });
  };
  return html`<form class="period" onSubmit=${submit}>
    <fieldset>
      <legend>${t('staff.stats.period')}</legend>
      ${PRESETS.map(
        (days) =>
          html`<button type="button" class=${period.days === days ? 'primary' : 'quiet'}
            aria-pressed=${period.days === days ? 'true' : 'false'} onClick=${() => onChange({ days })}>
            ${t('staff.stats.days', { days })}
          </button>`,
      )}
      <span class="period-dates">
        <label>${t('staff.stats.from')} <input type="date" name="from" value=${from} onInput=${(e) => setFrom(e.target.value)} /></label>
        <label>${t('staff.stats.to')} <input type="date" name="to" value=${to} onInput=${(e) => setTo(e.target.value)} /></label>
        <button type="submit">${t('staff.stats.show')}</button>
      </span>
    </fieldset>
  </form>`;
}
