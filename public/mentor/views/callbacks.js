// People who asked to be contacted while the helpline was closed: the list, and, for one of them, how
// they can be reached, a first SMS when they left a number, and "done".
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { channelLabel, dateTime, reachLabel, topicLabel } from '../lib/words.js';
import { CrisisBadge } from './handoverCard.js';

export const smsDraftKey = (id) => `sms:${id}`;

/** the first SMS, as the mentor has edited it, or the suggested one */
export function smsDraft(state, id) {
  return state.drafts.get(smsDraftKey(id)) ?? t('callbacks.smsDraft', { mentor: state.me?.username ?? '' });
}

export function CallbackActions({ handover, state, actions }) {
  const done = html`<button type="button" onClick=${() => actions.markCallbackDone(handover.id)}>
    ${t('callbacks.markDone')}
  </button>`;
  if (!handover.phone) return html`<div class="actions"><p>${reachLabel(handover)}</p>${done}</div>`;
  return html`<form
    class="compose"
    onSubmit=${(event) => {
      event.preventDefault();
      actions.startSmsConversation(handover.id);
    }}
  >
    <p>${reachLabel(handover)}</p>
    <label for="callback-sms-text">${t('callbacks.smsLabel')}</label>
    <textarea
      id="callback-sms-text"
      value=${smsDraft(state, handover.id)}
      onInput=${(event) => actions.setDraft(smsDraftKey(handover.id), event.currentTarget.value, { quiet: true })}
    ></textarea>
    <p class="meta">${t('callbacks.smsHint')}</p>
    <div class="actions">
      <button type="submit" class="primary">${t('callbacks.smsStart')}</button>
      ${done}
    </div>
  </form>`;
}

function CallbackCard({ callback, actions }) {
  const meta = [
    channelLabel(callback.channel),
    t('callbacks.askedAt', { time: dateTime(callback.waitingSince) }),
    reachLabel(callback),
  ].join(' · ');
  return html`<li class=${callback.crisis ? 'card crisis' : 'card'}>
    <div class="card-main">
      <div class="card-title">${callback.crisis ? html`<${CrisisBadge} />` : null}${topicLabel(callback)}</div>
      <div class="meta">${meta}</div>
    </div>
    <button type="button" onClick=${() => actions.openHandover(callback.id)}>${t('queue.open')}</button>
    <button type="button" onClick=${() => actions.markCallbackDone(callback.id)}>${t('callbacks.markDone')}</button>
  </li>`;
}

export function CallbacksView({ state, actions }) {
  return html`<section aria-labelledby="callbacks-heading">
    <h2 id="callbacks-heading">${t('callbacks.heading')}</h2>
    <p>${t('callbacks.intro')}</p>
    ${
      state.callbacks.length === 0
        ? html`<p class="empty">${t('callbacks.empty')}</p>`
        : html`<ul class="cards">
          ${state.callbacks.map((callback) => html`<${CallbackCard} key=${callback.id} callback=${callback} actions=${actions} />`)}
        </ul>`
    }
  </section>`;
}
