// One person in a list (queue or active): topic, crisis in words, channel, how long, and "Open".
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { handoverMeta, topicLabel } from '../lib/words.js';

export function CrisisBadge() {
  return html`<span class="crisis-badge">${t('crisis.badge')}</span>`;
}

/** a crisis without a topic is said by the badge alone */
export function HandoverCard({ handover, onOpen }) {
  return html`<li class=${handover.crisis ? 'card crisis' : 'card'}>
    <div class="card-main">
      <div class="card-title">
        ${handover.crisis ? html`<${CrisisBadge} />` : null}
        ${handover.crisis && !handover.topic ? null : topicLabel(handover)}
      </div>
      <div class="meta">${handoverMeta(handover)}</div>
    </div>
    <button type="button" class=${handover.crisis ? 'primary' : undefined} onClick=${() => onOpen(handover.id)}>
      ${t('queue.open')}
    </button>
  </li>`;
}
