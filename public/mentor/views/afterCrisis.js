// After the mentor closed a conversation with someone in crisis: a pause, and a one-click
// "I need to talk this through" that the coordinator sees. Both are offers; nothing happens by itself.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';

export function AfterCrisis({ state, actions }) {
  const { afterCrisis } = state;
  const paused = actions.isPaused();
  return html`<aside class="after-crisis" aria-labelledby="after-crisis-heading">
    <h2 id="after-crisis-heading" tabindex="-1">${t('afterCrisis.heading')}</h2>
    <p>${t('afterCrisis.text')}</p>
    <div class="actions">
      ${
        paused
          ? null
          : html`<button type="button" class="primary" onClick=${actions.startPause}>
            ${t('afterCrisis.pause', { minutes: actions.pauseMinutes })}
          </button>`
      }
      ${
        afterCrisis.supportSent
          ? html`<p class="done">${t('afterCrisis.supportSent')}</p>`
          : html`<button type="button" onClick=${actions.askForSupport}>${t('afterCrisis.support')}</button>`
      }
      <button type="button" class="quiet" onClick=${actions.dismissAfterCrisis}>${t('afterCrisis.dismiss')}</button>
    </div>
  </aside>`;
}
