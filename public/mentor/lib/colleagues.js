// A colleague as the transfer, move and assign forms offer them (GET /api/mentor/colleagues:
// {username, online, paused, conversations, maxConversations}): one <option> that says who they are,
// whether they are there, and how many conversations they have of how many allowed.
import { html } from './html.js';

export const isFull = (colleague) => colleague.conversations >= colleague.maxConversations;

function stateOf(colleague) {
  if (isFull(colleague)) return 'full';
  if (colleague.paused) return 'paused';
  return colleague.online ? 'online' : 'offline';
}

/** `disabled`: shown, but not to be chosen (full, or for a waiting person not on duty) */
export function ColleagueOption({ t, colleague, disabled }) {
  return html`<option value=${colleague.username} disabled=${disabled}>
    ${t('transfer.option', {
      username: colleague.username,
      state: t(`transfer.state.${stateOf(colleague)}`),
      conversations: colleague.conversations,
      max: colleague.maxConversations,
    })}
  </option>`;
}
