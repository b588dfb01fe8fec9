// Writing to the person: the draft is kept per conversation (a live re-draw keeps it), Ctrl+Enter
// sends, and canned replies in the person's language are put in the box to be edited, never sent as is.
import { html } from '../lib/html.js';
import { t, wordsIn } from '../lib/strings.js';
import { cannedLanguage } from '../lib/words.js';

export function ComposeForm({ handover, state, actions }) {
  const draft = state.drafts.get(handover.id) ?? '';
  const canned = wordsIn(cannedLanguage(handover), 'canned');
  const send = () => actions.sendMessage(handover.id);
  const insert = (text) => {
    const current = draft.trim();
    actions.setDraft(handover.id, current ? `${current}\n${text}` : text);
    document.getElementById('compose-text')?.focus();
  };
  return html`<form
    class="compose"
    onSubmit=${(event) => {
      event.preventDefault();
      send();
    }}
  >
    <label for="compose-text">${t('handover.messageLabel')}</label>
    <textarea
      id="compose-text"
      value=${draft}
      onInput=${(event) => actions.setDraft(handover.id, event.currentTarget.value, { quiet: true })}
      onKeyDown=${(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          send();
        }
      }}
    ></textarea>
    <p class="meta">${t('handover.sendHint')}</p>
    <div class="canned" role="group" aria-label=${t('handover.canned')}>
      ${Object.entries(canned).map(
        ([key, reply]) =>
          html`<button type="button" key=${key} title=${reply.text} onClick=${() => insert(reply.text)}>${reply.label}</button>`,
      )}
    </div>
    <div class="actions">
      <button type="submit" class="primary">${t('handover.send')}</button>
      <button type="button" onClick=${() => actions.release(handover.id)}>${t('handover.release')}</button>
    </div>
  </form>`;
}
