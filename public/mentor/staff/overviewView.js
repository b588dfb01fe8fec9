// The live overview: every waiting and active conversation, crisis first, with its mentor and how long
// it has waited or gone on. Follows the mentor event stream and fetches afresh on every hint; a
// coordinator moves an active conversation to another mentor, or takes it over.
import { html, useEffect, useRef, useState } from '../lib/html.js';

const minutesSince = (iso, now) => Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));

export function OverviewView({ t, api }) {
  const [entries, setEntries] = useState([]);
  const [mentors, setMentors] = useState([]);
  const [message, setMessage] = useState(null);
  const [now, setNow] = useState(Date.now());
  const status = useRef(null);

  const load = async () => {
    const { ok, data } = await api('GET', '/api/staff/overview');
    if (ok) setEntries(data);
    setNow(Date.now());
  };
  useEffect(() => {
    load();
    api('GET', '/api/staff/accounts').then(
      ({ ok, data }) => ok && setMentors(data.filter((account) => !account.disabled)),
    );
    const events = new EventSource('/api/mentor/events');
    events.onmessage = () => load();
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      events.close();
      clearInterval(tick);
    };
  }, []);
  useEffect(() => {
    if (message) status.current?.focus();
  }, [message]);

  const transfer = async (event, entry) => {
    event.preventDefault();
    const mentor = event.target.elements.mentor.value;
    const { ok, data } = await api('POST', `/api/staff/handovers/${entry.id}/transfer`, { mentor });
    setMessage(
      ok
        ? t('staff.overview.moved', { mentor })
        : t(`staff.overview.errors.${data?.error ?? 'other'}`, { defaultValue: t('staff.overview.errors.other') }),
    );
    await load();
  };

  return html`<section aria-labelledby="overview-heading">
    <h2 id="overview-heading">${t('staff.overview.heading')}</h2>
    <p ref=${status} tabindex="-1" class="status" aria-live="polite">${message}</p>
    ${
      entries.length === 0
        ? html`<p class="empty">${t('staff.overview.empty')}</p>`
        : html`<table>
          <thead>
            <tr>
              <th scope="col">${t('staff.overview.status')}</th>
              <th scope="col">${t('staff.overview.channel')}</th>
              <th scope="col">${t('staff.overview.mentor')}</th>
              <th scope="col">${t('staff.overview.minutes')}</th>
              <th scope="col">${t('staff.overview.move')}</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (entry) => html`<tr data-handover=${entry.id} class=${entry.crisis ? 'crisis' : ''}>
                <th scope="row">
                  ${entry.crisis ? html`<strong>${t('staff.overview.crisis')}</strong> ` : null}${t(`status.${entry.status}`)}
                </th>
                <td>${t(`channel.${entry.channel}`)}</td>
                <td>${entry.mentor ?? '–'}</td>
                <td>
                  ${
                    entry.status === 'active'
                      ? t('staff.overview.runningFor', {
                          minutes: minutesSince(entry.acceptedAt ?? entry.waitingSince, now),
                        })
                      : t('staff.overview.waitingFor', { minutes: minutesSince(entry.waitingSince, now) })
                  }
                </td>
                <td>
                  ${
                    entry.status === 'active' &&
                    html`<form class="inline" onSubmit=${(event) => transfer(event, entry)}>
                    <label for=${`move-${entry.id}`}>${t('staff.overview.moveTo')}</label>
                    <select id=${`move-${entry.id}`} name="mentor">
                      ${mentors
                        .filter((account) => account.username !== entry.mentor)
                        .map((account) => html`<option value=${account.username}>${account.username}</option>`)}
                    </select>
                    <button type="submit">${t('staff.overview.moveButton')}</button>
                  </form>`
                  }
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`
    }
  </section>`;
}
