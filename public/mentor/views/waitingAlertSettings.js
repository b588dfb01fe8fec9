// The mentor's own choice of being told beyond the page: a browser notification and a sound.
// The browser asks for permission only when the mentor clicks to turn notifications on.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';
import { notificationsBlocked, notificationsSupported } from '../lib/waitingAlerts.js';

export function WaitingAlertSettings({ state, actions }) {
  const { notify, sound } = state.alertSettings;
  return html`<section class="alert-settings" aria-labelledby="alert-settings-heading">
    <h3 id="alert-settings-heading">${t('alerts.heading')}</h3>
    <p class="meta">${t('alerts.intro')}</p>
    <div class="actions">
      ${
        notificationsSupported()
          ? html`<button type="button" id="notify-toggle" aria-pressed=${notify ? 'true' : 'false'} onClick=${actions.toggleNotifications}>
            ${notify ? t('alerts.notifyOff') : t('alerts.notifyOn')}
          </button>`
          : null
      }
      <button type="button" id="sound-toggle" aria-pressed=${sound ? 'true' : 'false'} onClick=${actions.toggleSound}>
        ${sound ? t('alerts.soundOff') : t('alerts.soundOn')}
      </button>
    </div>
    ${notificationsBlocked() ? html`<p class="meta">${t('alerts.blocked')}</p>` : null}
  </section>`;
}
