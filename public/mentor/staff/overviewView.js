// The live overview: every waiting and active conversation, crisis first, with its mentor and how long
// it has waited or gone on, and the mentors who asked to talk a conversation through. Follows the
// mentor event stream (the page's only one, shared with the support requests) and fetches afresh on
// every hint; a coordinator moves an active conversation to a colleague (who is there, and how many
// conversations they have), or takes it over, and gives a waiting one to a mentor on duty.
import { ColleagueOption, isFull } from '../lib/colleagues.js';
import { html, useEffect, useRef, useState } from '../lib/html.js';
import { SupportRequests } from './supportRequests.js';

const minutesSince = (iso, now) => Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));

/** a colleague to pick and a button; `disabled(colleague)`: listed, but not to be chosen */
function ColleagueForm({ t, id, label, button, colleagues, disabled, onChoose }) {
  return html`<form
    class="inline"
    onSubmit=${(event) => {
      event.preventDefault();
      onChoose(event.target.elements.mentor.value);
    }}
  >
    <label for=${id}>${label}</label>
    <select id=${id} name="mentor">
      ${colleagues.map(
        (colleague) => html`<${ColleagueOption} t=${t} colleague=${colleague} disabled=${disabled(colleague)} />`,
      )}
    </select>
    <button type="submit">${button}</button>
  </form>`;
}

function MoveForm({ t, entry, colleagues, me, onMove }) {
  const others = colleagues.filter((colleague) => colleague.username !== entry.mentor);
  const mine = entry.mentor === me?.username;
  return html`<div class="move">
    ${
      others.every(isFull)
        ? html`<p class="meta">${t('staff.overview.noColleague')}</p>`
        : html`<${ColleagueForm}
          t=${t}
          id=${`move-${entry.id}`}
          label=${t('staff.overview.moveTo')}
          button=${t('staff.overview.moveButton')}
          colleagues=${others}
          disabled=${isFull}
          onChoose=${(mentor) => onMove(entry, mentor)}
        />`
    }
    ${mine ? null : html`<button type="button" onClick=${() => onMove(entry, me.username)}>${t('staff.overview.takeOver')}</button>`}
  </div>`;
}

/** who can be given a waiting person now: at the console, not on a pause, under the cap (the server checks again) */
const onDuty = (colleague) => colleague.online && !colleague.paused && !isFull(colleague);

function AssignForm({ t, entry, colleagues, onAssign }) {
  if (!colleagues.some(onDuty)) return html`<p class="meta">${t('staff.overview.noneOnDuty')}</p>`;
  return html`<div class="move">
    <${ColleagueForm}
      t=${t}
      id=${`assign-${entry.id}`}
      label=${t('staff.overview.assignTo')}
      button=${t('staff.overview.assignButton')}
      colleagues=${colleagues}
      disabled=${(colleague) => !onDuty(colleague)}
      onChoose=${(mentor) => onAssign(entry, mentor)}
    />
  </div>`;
}

export function OverviewView({ t, api, me }) {
  const [entries, setEntries] = useState([]);
  const [colleagues, setColleagues] = useState([]);
  // { text, handoverId? }: what the last move did, with a link to a conversation taken over
  const [message, setMessage] = useState(null);
  const [now, setNow] = useState(Date.now());
  const status = useRef(null);

  const load = async () => {
    const [overview, available] = await Promise.all([
      api('GET', '/api/staff/overview'),
      api('GET', '/api/mentor/colleagues'),
    ]);
    if (overview.ok) setEntries(overview.data);
    if (available.ok) setColleagues(available.data);
    setNow(Date.now());
  };
  // the page's one event stream: it serves the support requests below as well (one hint, one fetch each)
  const [supportHint, setSupportHint] = useState(0);
  useEffect(() => {
    load();
    const events = new EventSource('/api/mentor/events');
    // events missed while away are not replayed: everything is fetched again on every (re)connect
    events.onopen = () => {
      load();
      setSupportHint((hint) => hint + 1);
    };
    events.onmessage = (event) => {
      load();
      if (event.data.includes('"support.requested"')) setSupportHint((hint) => hint + 1);
    };
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      events.close();
      clearInterval(tick);
    };
  }, []);
  useEffect(() => {
    if (message) status.current?.focus();
  }, [message]);

  // why the server refused a move or an assignment, in words (an error code we have no words for: "other")
  const refusal = (data) =>
    t(`staff.overview.errors.${data?.error ?? 'other'}`, { defaultValue: t('staff.overview.errors.other') });

  const move = async (entry, mentor) => {
    const { ok, data } = await api('POST', `/api/staff/handovers/${encodeURIComponent(entry.id)}/transfer`, { mentor });
    const takenOver = mentor === me?.username;
    if (!ok) {
      setMessage({ text: refusal(data) });
    } else if (takenOver) {
      setMessage({ text: t('staff.overview.tookOver'), handoverId: entry.id });
    } else {
      setMessage({ text: t('staff.overview.moved', { mentor }) });
    }
    await load();
  };

  const assign = async (entry, mentor) => {
    const { ok, data } = await api('POST', `/api/staff/handovers/${encodeURIComponent(entry.id)}/assign`, { mentor });
    setMessage({
      text: ok ? t('staff.overview.assigned', { mentor: data.mentor }) : refusal(data),
    });
    await load();
  };

  return html`<section aria-labelledby="overview-heading">
    <h2 id="overview-heading">${t('staff.overview.heading')}</h2>
    <div ref=${status} tabindex="-1" class="status" aria-live="polite">
      ${message ? html`<p>${message.text}</p>` : null}
      ${
        message?.handoverId
          ? html`<p><a href=${`/mentor#handover=${encodeURIComponent(message.handoverId)}`}>${t('staff.overview.openInConsole')}</a></p>`
          : null
      }
    </div>
    ${
      entries.length === 0
        ? html`<p class="empty">${t('staff.overview.empty')}</p>`
        : html`<table class="list overview">
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
                    entry.status === 'active'
                      ? html`<${MoveForm} t=${t} entry=${entry} colleagues=${colleagues} me=${me} onMove=${move} />`
                      : html`<${AssignForm} t=${t} entry=${entry} colleagues=${colleagues} onAssign=${assign} />`
                  }
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`
    }
    <${SupportRequests} t=${t} api=${api} hint=${supportHint} />
  </section>`;
}
