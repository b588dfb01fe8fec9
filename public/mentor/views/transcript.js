// The conversation the mentor may read: what the person agreed to share, and everything since the
// mentor took it. The person's words are children of the elements, so Preact sets them as text only.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { clock } from '../lib/words.js';

const DIRECTIONS = ['user', 'bot', 'mentor'];

/** a crisis mark says more than a concern mark; the view never gets both */
function markOf(message) {
  if (message.crisis) return { className: 'crisis-message', mark: 'crisis-mark', text: t('handover.crisisMessage') };
  if (message.concern)
    return { className: 'concern-message', mark: 'concern-mark', text: t('handover.concernMessage') };
  return null;
}

function Message({ message }) {
  const direction = DIRECTIONS.includes(message.direction) ? message.direction : 'user';
  const meta = [
    t(`handover.from.${direction}`),
    clock(message.at),
    message.delivery ? t(`handover.delivery.${message.delivery}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const marked = markOf(message);
  return html`<li class=${marked ? `message ${direction} ${marked.className}` : `message ${direction}`}>
    <span class=${message.delivery === 'failed' ? 'message-meta failed' : 'message-meta'}>${meta}</span>
    ${marked ? html`<span class=${marked.mark}>${marked.text}</span>` : null}
    <span class="message-text">${message.text}</span>
  </li>`;
}

export function Transcript({ messages }) {
  return html`<h3 id="transcript-heading">${t('handover.transcript')}</h3>
    ${
      messages.length === 0
        ? html`<p class="empty">${t('handover.noMessages')}</p>`
        : html`<ol class="transcript" aria-labelledby="transcript-heading" tabindex="0">
          ${messages.map((message, index) => html`<${Message} key=${message.id ?? index} message=${message} />`)}
        </ol>`
    }`;
}
