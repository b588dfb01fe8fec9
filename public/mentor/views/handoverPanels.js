// Mentor-only panels of an open conversation, in the order shown: the notes that came with a warm
// transfer (above the transcript, so they are read first), and handing one's own conversation to a
// colleague (below). Each is { id, place: 'top' | 'bottom', Panel }; Panel gets
// { handover, me, api, t, refresh, actions } and returns null when it has nothing to show for this handover.
import { html, useEffect, useState } from '../lib/html.js';
import { MentorNotes } from './mentorNotes.js';
import { TransferForm } from './transferForm.js';

function NotesPanel({ handover, t }) {
  return html`<${MentorNotes} t=${t} notes=${handover.notes} />`;
}

/** only on the mentor's own active conversation; the colleagues are fetched when it opens */
function TransferPanel({ handover, me, api, t, actions }) {
  const mine = handover.status === 'active' && me && handover.mentor === me.username;
  const [colleagues, setColleagues] = useState(null);
  useEffect(() => {
    if (!mine) return;
    let current = true;
    api('GET', '/api/mentor/colleagues')
      .then(({ ok, data }) => current && setColleagues(ok && Array.isArray(data) ? data : []))
      .catch(() => current && setColleagues([]));
    return () => {
      current = false;
    };
  }, [handover.id, mine]);
  if (!mine || colleagues === null) return null;
  return html`<${TransferForm}
    t=${t}
    api=${api}
    handoverId=${handover.id}
    colleagues=${colleagues}
    onDone=${actions.transferred}
  />`;
}

export const HANDOVER_PANELS = [
  { id: 'notes', place: 'top', Panel: NotesPanel },
  { id: 'transfer', place: 'bottom', Panel: TransferPanel },
];
