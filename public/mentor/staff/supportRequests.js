// For the coordinator's overview: mentors who asked to talk a conversation through ("Jeg trenger å
// snakke om dette"), newest first, each marked as seen once the coordinator has taken it up.
// Called with { t, api, hint }: the overview owns the page's one event stream and bumps `hint` whenever
// it says a mentor asked (`support.requested`) and whenever it (re)connects; each bump fetches again.
import { html, useCallback, useEffect, useRef, useState } from '../lib/html.js';
import { dateTime } from '../lib/words.js';

export function SupportRequests({ t, api, hint }) {
  const [requests, setRequests] = useState(null);
  const [failed, setFailed] = useState(false);
  const [seen, setSeen] = useState(false);
  // the button marked goes away with its request: the focus goes to the line that says it is done
  const status = useRef(null);
  const load = useCallback(async () => {
    const response = await api('GET', '/api/staff/support-requests');
    setFailed(!response.ok);
    if (response.ok) setRequests(response.data);
  }, [api]);

  // `hint` changes whenever the overview's event stream says to fetch again
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load, hint]);

  const markSeen = async (id) => {
    const response = await api('POST', `/api/staff/support-requests/${encodeURIComponent(id)}/seen`);
    setFailed(!response.ok);
    setSeen(response.ok);
    await load();
    status.current?.focus();
  };

  return html`<section class="support-requests" aria-labelledby="support-requests-heading" aria-live="polite">
    <h2 id="support-requests-heading">${t('supportRequests.heading')}</h2>
    <p ref=${status} tabindex="-1" class="status">
      ${failed ? html`<span class="form-error">${t('errors.generic')}</span>` : seen ? t('supportRequests.seen') : null}
    </p>
    ${
      requests === null
        ? null
        : requests.length === 0
          ? html`<p class="empty">${t('supportRequests.empty')}</p>`
          : html`<ul class="cards">
            ${requests.map(
              (request) => html`<li class="card" key=${request.id}>
                <div class="card-main">
                  <div class="card-title">${t('supportRequests.asked', { mentor: request.mentor, time: dateTime(request.at) })}</div>
                  ${request.afterCrisis ? html`<div class="meta">${t('supportRequests.afterCrisis')}</div>` : null}
                </div>
                <button type="button" onClick=${() => markSeen(request.id)}>${t('supportRequests.markSeen')}</button>
              </li>`,
            )}
          </ul>`
    }
  </section>`;
}
