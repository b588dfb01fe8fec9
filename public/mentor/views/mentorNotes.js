// The notes of warm transfers on a handover (`notes: [{from, to, text, at}]` in its detail), for
// mentors only: the person never sees them. Text from people goes in as children, never as HTML.
import { html } from '../lib/html.js';

export function MentorNotes({ t, notes }) {
  if (!notes || notes.length === 0) return null;
  return html`<section class="mentor-notes" aria-labelledby="mentor-notes-heading">
    <h3 id="mentor-notes-heading">${t('notes.heading')}</h3>
    <ul>
      ${notes.map(
        (note) => html`<li>
          <p class="meta">${t('notes.fromTo', { from: note.from, to: note.to })}, <time datetime=${note.at}>${new Date(note.at).toLocaleString()}</time></p>
          <p>${note.text}</p>
        </li>`,
      )}
    </ul>
  </section>`;
}
