// A warm transfer, for the console's handover view: hand one's own conversation to a named colleague
// with a short note that only mentors see. Props: { t, api, handoverId, mentors (usernames), onDone }.
// Words: console.transfer.* (the integrator adds them with the rewritten console's words).
import { html, useRef, useState } from '../lib/html.js';

export function TransferForm({ t, api, handoverId, mentors, onDone }) {
  const [error, setError] = useState(null);
  const errorLine = useRef(null);

  const submit = async (event) => {
    event.preventDefault();
    const form = event.target;
    const mentor = form.elements.mentor.value;
    const note = form.elements.note.value.trim();
    const { ok, data } = await api('POST', `/api/mentor/handovers/${handoverId}/transfer`, {
      mentor,
      ...(note ? { note } : {}),
    });
    if (ok) {
      setError(null);
      onDone?.(mentor);
      return;
    }
    // mentor_at_capacity: that mentor has as many conversations as allowed
    setError(t(`transfer.errors.${data?.error ?? 'other'}`, { defaultValue: t('transfer.errors.other') }));
    errorLine.current?.focus();
  };

  return html`<form class="transfer" onSubmit=${submit}>
    <h3>${t('transfer.heading')}</h3>
    <div class="field">
      <label for="transfer-mentor">${t('transfer.to')}</label>
      <select id="transfer-mentor" name="mentor" required>
        ${mentors.map((username) => html`<option value=${username}>${username}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="transfer-note">${t('transfer.note')}</label>
      <textarea id="transfer-note" name="note" maxlength="500" rows="3" aria-describedby="transfer-note-hint"></textarea>
      <p id="transfer-note-hint" class="hint">${t('transfer.noteHint')}</p>
    </div>
    <p ref=${errorLine} tabindex="-1" class="form-error" aria-live="assertive">${error}</p>
    <button type="submit">${t('transfer.submit')}</button>
  </form>`;
}
