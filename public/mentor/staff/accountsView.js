// Accounts: the list (role, state, last login), add with a one-time password shown once, disable and
// enable, reset a password, change a role. After each action the focus goes to what it changed.
import { html, useEffect, useRef, useState } from '../lib/html.js';

const when = (iso, t) => (iso ? new Date(iso).toLocaleString() : t('staff.accounts.never'));

export function AccountsView({ t, api }) {
  const [accounts, setAccounts] = useState([]);
  const [message, setMessage] = useState(null);
  const [granted, setGranted] = useState(null);
  const status = useRef(null);

  const load = async () => {
    const { ok, data } = await api('GET', '/api/staff/accounts');
    if (ok) setAccounts(data);
  };
  useEffect(() => {
    load();
  }, []);
  useEffect(() => {
    if (message || granted) status.current?.focus();
  }, [message, granted]);

  const act = async (path, body, done) => {
    const { ok, data } = await api('POST', path, body);
    if (!ok) {
      setGranted(null);
      setMessage(
        t(`staff.accounts.errors.${data?.error ?? 'other'}`, { defaultValue: t('staff.accounts.errors.other') }),
      );
      return;
    }
    await load();
    if (data?.oneTimePassword) {
      setMessage(null);
      setGranted({ username: data.username, password: data.oneTimePassword });
    } else {
      setGranted(null);
      setMessage(done(data));
    }
  };

  const add = (event) => {
    event.preventDefault();
    const form = event.target;
    const username = form.elements.username.value.trim();
    const role = form.elements.role.value;
    act('/api/staff/accounts', { username, role }).then(() => form.reset());
  };

  return html`<section aria-labelledby="accounts-heading">
    <h2 id="accounts-heading">${t('staff.accounts.heading')}</h2>
    <div ref=${status} tabindex="-1" class="status" aria-live="polite">
      ${
        granted &&
        html`<p class="one-time" data-testid="one-time-password">
        ${t('staff.accounts.oneTime', { username: granted.username })} <strong><code>${granted.password}</code></strong>
      </p>`
      }
      ${message && html`<p>${message}</p>`}
    </div>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('staff.accounts.username')}</th>
          <th scope="col">${t('staff.accounts.role')}</th>
          <th scope="col">${t('staff.accounts.state')}</th>
          <th scope="col">${t('staff.accounts.lastLogin')}</th>
          <th scope="col">${t('staff.accounts.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${accounts.map(
          (account) => html`<tr data-username=${account.username}>
            <th scope="row">${account.username}</th>
            <td>${t(`staff.accounts.roles.${account.role}`)}</td>
            <td>${account.disabled ? t('staff.accounts.disabled') : account.mustChangePassword ? t('staff.accounts.pending') : t('staff.accounts.active')}</td>
            <td>${when(account.lastLoginAt, t)}</td>
            <td class="actions">
              <button type="button" onClick=${() =>
                act(
                  `/api/staff/accounts/${account.username}/${account.disabled ? 'enable' : 'disable'}`,
                  undefined,
                  () =>
                    t(account.disabled ? 'staff.accounts.enabled' : 'staff.accounts.wasDisabled', {
                      username: account.username,
                    }),
                )}>
                ${account.disabled ? t('staff.accounts.enable') : t('staff.accounts.disable')}
              </button>
              <button type="button" onClick=${() => act(`/api/staff/accounts/${account.username}/reset-password`)}>
                ${t('staff.accounts.reset')}
              </button>
              <button type="button" onClick=${() =>
                act(
                  `/api/staff/accounts/${account.username}/role`,
                  { role: account.role === 'coordinator' ? 'mentor' : 'coordinator' },
                  (data) =>
                    t('staff.accounts.roleChanged', {
                      username: data.username,
                      role: t(`staff.accounts.roles.${data.role}`),
                    }),
                )}>
                ${account.role === 'coordinator' ? t('staff.accounts.makeMentor') : t('staff.accounts.makeCoordinator')}
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    <form class="add-account" onSubmit=${add}>
      <h3>${t('staff.accounts.addHeading')}</h3>
      <div class="field">
        <label for="new-username">${t('staff.accounts.username')}</label>
        <input id="new-username" name="username" autocomplete="off" required />
      </div>
      <div class="field">
        <label for="new-role">${t('staff.accounts.role')}</label>
        <select id="new-role" name="role">
          <option value="mentor">${t('staff.accounts.roles.mentor')}</option>
          <option value="coordinator">${t('staff.accounts.roles.coordinator')}</option>
        </select>
      </div>
      <button type="submit" class="primary">${t('staff.accounts.add')}</button>
    </form>
  </section>`;
}
