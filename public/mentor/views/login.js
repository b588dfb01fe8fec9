// The login form. Its fields are left to the browser (not re-set on a re-draw), so a new language or a
// late answer never wipes what the mentor typed, and a typed password never lands in the page's markup.
import { html } from '../lib/html.js';
import { t } from '../lib/strings.js';

export function LoginView({ state, actions }) {
  const submit = (event) => {
    event.preventDefault();
    actions.login(event.currentTarget);
  };
  return html`<form class="login" onSubmit=${submit} novalidate>
    <h2>${t('login.heading')}</h2>
    <div class="field">
      <label for="username">${t('login.username')}</label>
      <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required />
    </div>
    <div class="field">
      <label for="password">${t('login.password')}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
    </div>
    <p id="login-error" class="form-error" aria-live="assertive">${state.loginError ? t(...state.loginError) : ''}</p>
    <button type="submit" class="primary">${t('login.submit')}</button>
  </form>`;
}
