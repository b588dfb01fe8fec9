// What the bot did not understand (coordinators): the masked texts kept with KEEP_UNANSWERED_SAMPLES,
// each turned into an example line for the NLU training data once an intent is chosen for it.
import { html, useState } from '../lib/html.js';
import { PeriodPicker, usePeriodAnswer } from './period.js';

/** `intents`: the ids an example may be filed under, as the server answers them */
function ExampleLine({ t, sample, intents }) {
  const [intent, setIntent] = useState('');
  // one entry of src/nlu/data/examples/<locale>.json: {"intent": ["example", …]}
  const line = intent ? `"${intent}": [${sample.exampleLine}]` : sample.exampleLine;
  return html`<div>
    <label>${t('staff.unanswered.intent')}
      <select value=${intent} onChange=${(event) => setIntent(event.target.value)}>
        <option value="">${t('staff.unanswered.pick')}</option>
        ${intents.map((id) => html`<option value=${id}>${id}</option>`)}
      </select>
    </label>
    <p class="example-line"><code>${line}</code></p>
    <p class="meta">${t('staff.unanswered.exampleHelp', { file: sample.exampleFile })}</p>
  </div>`;
}

export function UnansweredView({ t, api }) {
  const { period, setPeriod, answer: state } = usePeriodAnswer(api, '/api/staff/unanswered', '30');
  const answer = state.data;
  return html`<section aria-labelledby="unanswered-title">
    <h2 id="unanswered-title">${t('staff.unanswered.title')}</h2>
    ${answer ? html`<p>${t('staff.unanswered.intro', { retentionDays: answer.retentionDays })}</p>` : null}
    ${answer && !answer.enabled ? html`<p class="alert">${t('staff.unanswered.off')}</p>` : null}
    <${PeriodPicker} t=${t} period=${period} onChange=${setPeriod} />
    ${state.error !== undefined ? html`<p class="form-error" role="alert">${t('staff.stats.error', { reason: state.error })}</p>` : null}
    ${answer && answer.samples.length === 0 ? html`<p class="empty">${t('staff.unanswered.empty')}</p>` : null}
    ${
      answer && answer.samples.length > 0
        ? html`<table class="list" id="unanswered">
          <thead><tr>
            <th scope="col">${t('staff.unanswered.when')}</th><th scope="col">${t('staff.unanswered.language')}</th>
            <th scope="col">${t('staff.unanswered.state')}</th><th scope="col">${t('staff.unanswered.text')}</th>
            <th scope="col">${t('staff.unanswered.example')}</th>
          </tr></thead>
          <tbody>
            ${answer.samples.map(
              (sample) => html`<tr>
                <td>${new Date(sample.hour).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}</td>
                <td>${sample.locale}</td><td>${sample.state}</td><td>${sample.text}</td>
                <td><${ExampleLine} t=${t} sample=${sample} intents=${answer.intents} /></td>
              </tr>`,
            )}
          </tbody>
        </table>`
        : null
    }
  </section>`;
}
