// One conversation: what it is about, crisis first and in words, the summary, the transcript, what the
// mentor can do now (take it, write and close it, or answer a callback), and the mentor-only panels.
import { api } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { handoverMeta, summaryText, topicLabel } from '../lib/words.js';
import { CallbackActions } from './callbacks.js';
import { CloseForm } from './closeForm.js';
import { ComposeForm } from './compose.js';
import { HANDOVER_PANELS } from './handoverPanels.js';
import { Transcript } from './transcript.js';

function HandoverActions({ handover, state, actions }) {
  const { me } = state;
  if (handover.status === 'waiting') {
    return html`<div class="actions">
      <button type="button" class="primary" onClick=${() => actions.accept(handover.id)}>${t('handover.accept')}</button>
    </div>`;
  }
  if (handover.status === 'callback')
    return html`<${CallbackActions} handover=${handover} state=${state} actions=${actions} />`;
  if (handover.status === 'closed') return html`<p class="empty">${t('handover.isClosed')}</p>`;
  const mine = handover.status === 'active' && me && handover.mentor === me.username;
  if (!mine) return html`<p class="empty">${t('handover.takenBy', { mentor: handover.mentor ?? '' })}</p>`;
  return html`<div>
    <${ComposeForm} handover=${handover} state=${state} actions=${actions} />
    <${CloseForm} handover=${handover} state=${state} actions=${actions} />
  </div>`;
}

/** the mentor-only panels (handoverPanels.js) of one place: each draws itself or nothing */
function HandoverPanels({ place, handover, state, actions }) {
  return HANDOVER_PANELS.filter((panel) => panel.place === place).map(
    ({ id, Panel }) =>
      html`<${Panel}
        key=${id}
        handover=${handover}
        me=${state.me}
        api=${api}
        t=${t}
        refresh=${actions.refresh}
        actions=${actions}
      />`,
  );
}

export function HandoverView({ state, actions }) {
  const handover = state.open;
  const back = html`<button
    type="button"
    class="quiet"
    onClick=${() => actions.leaveHandover(handover?.status === 'callback' ? 'callbacks' : 'queue')}
  >
    ${t('handover.back')}
  </button>`;
  if (!handover) {
    return html`<section>${back}<p class="empty">${t('handover.loading')}</p></section>`;
  }
  return html`<section aria-labelledby="handover-heading">
    ${back}
    <h2 id="handover-heading">${topicLabel(handover)}</h2>
    <p class="meta">${handoverMeta(handover)}</p>
    ${handover.crisis ? html`<p class="crisis-banner">${t('handover.crisisBanner')}</p>` : null}
    ${
      handover.consentWithdrawnAt
        ? html`<p class="consent-withdrawn" role="status">${t('handover.consentWithdrawn')}</p>`
        : null
    }
    <h3>${t('handover.summary')}</h3>
    <p class="summary">${summaryText(handover.summary)}</p>
    <${HandoverPanels} place="top" handover=${handover} state=${state} actions=${actions} />
    <${Transcript} messages=${handover.messages} />
    <${HandoverActions} handover=${handover} state=${state} actions=${actions} />
    <${HandoverPanels} place="bottom" handover=${handover} state=${state} actions=${actions} />
  </section>`;
}
