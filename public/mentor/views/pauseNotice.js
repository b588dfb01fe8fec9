// Shown in place of the waiting list while the mentor has a pause: until when, how many wait, and a way back.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { clock } from '../lib/words.js';

export function PauseNotice({ pausedUntil, waiting, onEnd }) {
  return html`<div class="pause-notice">
    <p>${t('pause.on', { time: clock(pausedUntil) })}</p>
    <p class="meta">${waiting === 0 ? t('pause.noneWaiting') : t('pause.waiting', { count: waiting })}</p>
    <button type="button" id="end-pause" onClick=${onEnd}>${t('pause.end')}</button>
  </div>`;
}
