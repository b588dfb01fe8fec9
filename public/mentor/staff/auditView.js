// The audit log (coordinators): who did what, and when; never message text. A conversation is named
// by its handover while it exists; once SLETT or retention deleted it, the row says so.
import { html } from '../lib/html.js';
import { PeriodPicker, usePeriodAnswer } from './period.js';

export function AuditView({ t, api }) {
  const { period, setPeriod, answer } = usePeriodAnswer(api, '/api/staff/audit', '7');
  const rows = answer.data;
  // a conversation by its handover, an account by its username, the hours by their name
  const targetOf = (row) => {
    if (row.target === null) return row.action === 'login' ? '' : t('staff.audit.deleted');
    // a role change names the account and its new role: `per → coordinator`
    const roleChange = row.action === 'account.roleChange' ? / → (mentor|coordinator)$/.exec(row.target) : null;
    if (roleChange) {
      return t('staff.audit.roleTarget', {
        username: row.target.slice(0, roleChange.index),
        role: t(`staff.accounts.roles.${roleChange[1]}`),
      });
    }
    return t(`staff.audit.targets.${row.target}`, { defaultValue: row.target });
  };
  return html`<section aria-labelledby="audit-title">
    <h2 id="audit-title">${t('staff.audit.title')}</h2>
    <p>${t('staff.audit.intro')}</p>
    <${PeriodPicker} t=${t} period=${period} onChange=${setPeriod} />
    ${answer.error !== undefined ? html`<p class="form-error" role="alert">${t('staff.stats.error', { reason: answer.error })}</p>` : null}
    ${rows && rows.length === 0 ? html`<p class="empty">${t('staff.audit.empty')}</p>` : null}
    ${
      rows && rows.length > 0
        ? html`<table class="list" id="audit">
          <thead><tr>
            <th scope="col">${t('staff.audit.at')}</th><th scope="col">${t('staff.audit.actor')}</th>
            <th scope="col">${t('staff.audit.action')}</th><th scope="col">${t('staff.audit.target')}</th>
          </tr></thead>
          <tbody>
            ${[...rows].reverse().map(
              (row) => html`<tr>
                <td>${new Date(row.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' })}</td>
                <td>${row.actor}</td>
                <td>${t(`staff.audit.actions.${row.action}`, { defaultValue: row.action })}</td>
                <td>${targetOf(row)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`
        : null
    }
  </section>`;
}
