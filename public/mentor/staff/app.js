// The coordinators' staff pages: a menu of the views in views.js, chosen by the URL's #hash.
// Only a logged-in coordinator sees them; a mentor is told so, and a visitor is sent to the console to log in.
import { api, SessionEnded } from '../lib/api.js';
import { html, render, useEffect, useState } from '../lib/html.js';
import { currentLanguage, initialLanguage, LANGUAGES, switchLanguage, t } from '../lib/strings.js';
import { STAFF_VIEWS } from './views.js';

const viewFromHash = () => STAFF_VIEWS.find((view) => `#${view.id}` === location.hash) ?? STAFF_VIEWS[0];

function LanguagePicker({ onChange }) {
  return html`<label class="language">
    <span>${t('language')}</span>
    <select value=${currentLanguage()} onChange=${(event) => onChange(event.target.value)}>
      ${LANGUAGES.map((language) => html`<option value=${language}>${t(`languages.${language}`)}</option>`)}
    </select>
  </label>`;
}

function StaffApp({ me, onLanguage }) {
  const [current, setCurrent] = useState(viewFromHash);
  useEffect(() => {
    const follow = () => setCurrent(viewFromHash());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const View = current?.View;
  return html`
    <header class="top">
      <div class="top-inner">
        <h1 class="app-title">${t('staff.title')}</h1>
        <nav class="staff-nav" aria-label=${t('staff.navLabel')}>
          ${STAFF_VIEWS.map(
            (view) =>
              html`<a href=${`#${view.id}`} aria-current=${view === current ? 'page' : undefined}>${t(`staff.nav.${view.labelKey}`)}</a>`,
          )}
          <a href="/mentor">${t('staff.nav.console')}</a>
          <span class="who">${t('nav.loggedInAs', { username: me.username })}</span>
        </nav>
        <${LanguagePicker} onChange=${onLanguage} />
      </div>
    </header>
    <main id="main" tabindex="-1">${View ? html`<${View} t=${t} api=${api} me=${me} />` : null}</main>
  `;
}

function Notice({ textKey, linkKey }) {
  return html`<main id="main" class="notice">
    <p>${t(textKey)}</p>
    <p><a href="/mentor">${t(linkKey)}</a></p>
  </main>`;
}

async function start() {
  await switchLanguage(initialLanguage());
  const root = document.getElementById('app');
  const draw = (me) => {
    document.title = t('staff.title');
    if (!me) return render(html`<${Notice} textKey="staff.loginFirst" linkKey="staff.toConsole" />`, root);
    if (me.role !== 'coordinator')
      return render(html`<${Notice} textKey="staff.coordinatorsOnly" linkKey="staff.toConsole" />`, root);
    const onLanguage = async (language) => {
      await switchLanguage(language);
      draw(me);
    };
    render(html`<${StaffApp} me=${me} onLanguage=${onLanguage} />`, root);
  };
  try {
    const { data } = await api('GET', '/api/mentor/me');
    draw(data);
  } catch (error) {
    if (!(error instanceof SessionEnded)) throw error;
    draw(null);
  }
}

start();
