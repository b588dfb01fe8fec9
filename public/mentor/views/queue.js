// The queue: who waits for a mentor (crisis first, as the server orders them) and the conversations
// going on now. While the mentor has a pause, nobody new is offered: the queue says only how many wait.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { AfterCrisis } from './afterCrisis.js';
import { HandoverCard } from './handoverCard.js';
import { PauseNotice } from './pauseNotice.js';
import { WaitingAlertSettings } from './waitingAlertSettings.js';

function Cards({ handovers, empty, onOpen }) {
  if (handovers.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<ul class="cards">
    ${handovers.map((handover) => html`<${HandoverCard} key=${handover.id} handover=${handover} onOpen=${onOpen} />`)}
  </ul>`;
}

export function QueueView({ state, actions }) {
  const waiting = state.handovers.filter((handover) => handover.status === 'waiting');
  const active = state.handovers.filter((handover) => handover.status === 'active');
  const paused = actions.isPaused();
  return html`<section aria-labelledby="queue-heading">
    ${state.afterCrisis ? html`<${AfterCrisis} state=${state} actions=${actions} />` : null}
    <h2 id="queue-heading">${t('queue.heading')}</h2>
    ${
      paused
        ? html`<${PauseNotice} pausedUntil=${state.pausedUntil} waiting=${waiting.length} onEnd=${actions.endPause} />`
        : html`<${Cards} handovers=${waiting} empty=${t('queue.empty')} onOpen=${actions.openHandover} />`
    }
    <h2>${t('queue.activeHeading')}</h2>
    <${Cards} handovers=${active} empty=${t('queue.noneActive')} onOpen=${actions.openHandover} />
    <${WaitingAlertSettings} state=${state} actions=${actions} />
  </section>`;
}
