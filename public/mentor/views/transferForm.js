// A warm transfer, for the console's handover view: hand one's own conversation to a named colleague
// with a short note that only mentors see. Props: { t, api, handoverId, colleagues, onDone }, where
// colleagues is GET /api/mentor/colleagues: [{username, online, paused, conversations, maxConversations}].
// A colleague with as many conversations as allowed is shown but cannot be chosen.
import { ColleagueOption, isFull } from '../lib/colleagues.js';
import { html, useRef, useState } from '../lib/html.js';

export function TransferForm({ t, api, handoverId, colleagues, onDone }) {
  const [error, setError] = useState(null);
  const errorLine = useRef(null);
  const choosable = colleagues.filter((colleague) => !isFull(colleague));

  const submit = async (event) => {
    event.preventDefault();
    const form = event.target;
    const mentor = form.elements.mentor.value;
    const note = form.elements.note.value.trim();
    const { ok, data } = await api('POST', `/api/mentor/handovers/${encodeURIComponent(handoverId)}/transfer`, {
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

  if (choosable.length === 0) {
    return html`<section class="transfer" aria-labelledby="transfer-heading">
      <h3 id="transfer-heading">${t('transfer.heading')}</h3>
      <p class="empty">${t('transfer.noColleagues')}</p>
    </section>`;
  }
  return html`<form class="transfer" aria-labelledby="transfer-heading" onSubmit=${submit}>
    <h3 id="transfer-heading">${t('transfer.heading')}</h3>
    <div class="field">
      <label for="transfer-mentor">${t('transfer.to')}</label>
      <select id="transfer-mentor" name="mentor" required>
        ${colleagues.map(
          (colleague) => html`<${ColleagueOption} t=${t} colleague=${colleague} disabled=${isFull(colleague)} />`,
        )}
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
