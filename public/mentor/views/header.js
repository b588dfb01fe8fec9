// The top of the console: its name, the menu (once logged in; only "log out" while a one-time password
// must be changed), the language, and whether it is live.
import { html } from '../lib/html.js';
import { LANGUAGES, t } from '../lib/strings.js';

function NavButton({ screen, current, onNavigate, children }) {
  return html`<button
    type="button"
    class="nav-link"
    aria-current=${current === screen ? 'page' : undefined}
    onClick=${() => onNavigate(screen)}
  >
    ${children}
  </button>`;
}

export function Header({ state, actions }) {
  const { me, screen, language, live } = state;
  // the handover screen belongs to the list it was opened from
  const current = screen === 'handover' ? null : screen;
  return html`<header class="top">
    <div class="top-inner">
      <h1 class="app-title">${t('title')}</h1>
      ${
        me?.mustChangePassword
          ? html`<nav id="nav" class="nav" aria-label=${t('nav.label')}>
            <span id="who" class="who">${t('nav.loggedInAs', { username: me.username })}</span>
            <button type="button" id="logout" class="quiet" onClick=${actions.logout}>${t('nav.logout')}</button>
          </nav>`
          : null
      }
      ${
        me && !me.mustChangePassword
          ? html`<nav id="nav" class="nav" aria-label=${t('nav.label')}>
            <${NavButton} screen="queue" current=${current} onNavigate=${actions.navigate}>${t('nav.queue')}<//>
            <${NavButton} screen="callbacks" current=${current} onNavigate=${actions.navigate}>${t('nav.callbacks')}<//>
            ${me.role === 'coordinator' ? html`<a class="nav-staff" href="/mentor/staff">${t('nav.staff')}</a>` : null}
            <span id="who" class="who">${t('nav.loggedInAs', { username: me.username })}</span>
            <button type="button" id="logout" class="quiet" onClick=${actions.logout}>${t('nav.logout')}</button>
          </nav>`
          : null
      }
      <label class="language">
        <span>${t('language')}</span>
        <select id="language" value=${language} onChange=${(event) => actions.setLanguage(event.currentTarget.value)}>
          ${LANGUAGES.map((code) => html`<option value=${code}>${t(`languages.${code}`)}</option>`)}
        </select>
      </label>
    </div>
    <p id="live" class=${live === 'paused' ? 'live paused' : 'live'} role="status">${live ? t(`live.${live}`) : ''}</p>
  </header>`;
}
