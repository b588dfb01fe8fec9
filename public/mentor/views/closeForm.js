// Ending a conversation with how it went; the choice is kept per conversation through live re-draws.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';

export const OUTCOMES = ['answered', 'referred', 'no_contact', 'other'];

export function CloseForm({ handover, state, actions }) {
  return html`<div class="close-form">
    <h3>${t('handover.closeHeading')}</h3>
    <div class="actions">
      <label for="outcome">${t('handover.outcome')}</label>
      <select
        id="outcome"
        value=${state.outcomes.get(handover.id) ?? ''}
        onChange=${(event) => actions.setOutcome(handover.id, event.currentTarget.value)}
      >
        <option value="">${t('handover.outcomePlaceholder')}</option>
        ${OUTCOMES.map((outcome) => html`<option value=${outcome}>${t(`outcome.${outcome}`)}</option>`)}
      </select>
      <button type="button" onClick=${() => actions.close(handover.id)}>${t('handover.close')}</button>
    </div>
  </div>`;
}
