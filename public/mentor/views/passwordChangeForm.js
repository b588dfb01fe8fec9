// After a login with a one-time password (`mustChangePassword` in /api/mentor/me and the login's
// `mentor`), the console shows only this form until the mentor has chosen a password of their own.
// Props: { t, api, username, current, onDone }. `current` is the one-time password just typed at the
// login, kept in memory only: then the form does not ask for it again (after a reload it does).
import { html, useRef, useState } from '../lib/html.js';

export function PasswordChangeForm({ t, api, username, current, onDone }) {
  const [error, setError] = useState(null);
  const errorLine = useRef(null);

  const submit = async (event) => {
    event.preventDefault();
    const form = event.target;
    const next = form.elements.next.value;
    if (next !== form.elements.repeat.value) {
      setError(t('password.mismatch'));
    } else {
      const body = { current: current ?? form.elements.current.value, new: next };
      const { ok, status } = await api('POST', '/api/mentor/password', body);
      if (ok) return onDone?.();
      setError(status === 403 ? t('password.wrongCurrent') : t('password.tooShort'));
    }
    errorLine.current?.focus();
  };

  return html`<form class="password-change" onSubmit=${submit} novalidate>
    <h2 id="password-heading" tabindex="-1">${t('password.heading')}</h2>
    <p>${t('password.why')}</p>
    <input type="text" name="username" autocomplete="username" value=${username ?? ''} hidden readonly />
    ${
      current === undefined
        ? html`<div class="field">
          <label for="password-current">${t('password.current')}</label>
          <input id="password-current" name="current" type="password" autocomplete="current-password" required />
        </div>`
        : null
    }
    <div class="field">
      <label for="password-next">${t('password.next')}</label>
      <input id="password-next" name="next" type="password" autocomplete="new-password" minlength="10" required />
    </div>
    <div class="field">
      <label for="password-repeat">${t('password.repeat')}</label>
      <input id="password-repeat" name="repeat" type="password" autocomplete="new-password" minlength="10" required />
    </div>
    <p ref=${errorLine} tabindex="-1" class="form-error" aria-live="assertive">${error}</p>
    <button type="submit" class="primary">${t('password.submit')}</button>
  </form>`;
}
