// The conversation the mentor may read: what the person agreed to share, and everything since the
// mentor took it. The person's words are children of the elements, so Preact sets them as text only.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { clock } from '../lib/words.js';

const DIRECTIONS = ['user', 'bot', 'mentor'];

function Message({ message }) {
  const direction = DIRECTIONS.includes(message.direction) ? message.direction : 'user';
  const meta = [
    t(`handover.from.${direction}`),
    clock(message.at),
    message.delivery ? t(`handover.delivery.${message.delivery}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return html`<li class=${message.crisis ? `message ${direction} crisis-message` : `message ${direction}`}>
    <span class=${message.delivery === 'failed' ? 'message-meta failed' : 'message-meta'}>${meta}</span>
    ${message.crisis ? html`<span class="crisis-mark">${t('handover.crisisMessage')}</span>` : null}
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
