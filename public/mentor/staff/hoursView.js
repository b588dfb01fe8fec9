// Opening hours (coordinators): the usual week day by day (one or more periods, or closed), or always
// open, and exceptions for single dates (closed, with a reason only the staff see, or other hours).
// Saving answers with the hours now in force everywhere; each problem the API finds is shown beside
// its field (the API names the field: `weekly.mon.0.from`, `exceptions.1.date`).
import { html, useEffect, useRef, useState } from '../lib/html.js';
import { currentLanguage, LANGUAGE_TAGS } from '../lib/strings.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const NOTE_MAX_CHARS = 100;

/** the page's working copy of what GET /api/staff/hours answers */
function toForm(hours) {
  return {
    always: hours.always,
    weekly: Object.fromEntries(DAYS.map((day) => [day, hours.weekly[day].map((span) => ({ ...span }))])),
    exceptions: [...hours.exceptions]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((exception) => ({
        date: exception.date,
        closed: exception.open.length === 0,
        open: exception.open.map((span) => ({ ...span })),
        note: exception.note ?? '',
      })),
  };
}

/** what PUT /api/staff/hours reads */
function toBody(form) {
  return {
    always: form.always,
    weekly: form.weekly,
    exceptions: form.exceptions.map((exception) => ({
      date: exception.date,
      open: exception.closed ? [] : exception.open,
      ...(exception.note.trim() ? { note: exception.note.trim() } : {}),
    })),
  };
}

/** every field the form shows a problem beside; any other problem is told above the form */
function fieldsShown(form) {
  const spans = (base, list) => [
    base,
    ...list.flatMap((_, index) => [`${base}.${index}`, `${base}.${index}.from`, `${base}.${index}.to`]),
  ];
  return new Set([
    ...(form.always ? [] : DAYS.flatMap((day) => spans(`weekly.${day}`, form.weekly[day]))),
    ...form.exceptions.flatMap((exception, index) => [
      `exceptions.${index}.date`,
      `exceptions.${index}.note`,
      ...(exception.closed ? [] : spans(`exceptions.${index}.open`, exception.open)),
    ]),
  ]);
}

const idOf = (field) => `problem-${field.replaceAll('.', '-')}`;

/** the words for the problems at one field, or nothing */
function Problems({ t, problems, field }) {
  // one field may fail two checks of the same kind (a date neither YYYY-MM-DD nor in the calendar)
  const mine = [...new Set(problems.filter((problem) => problem.field === field).map((problem) => problem.problem))];
  if (mine.length === 0) return null;
  return html`<p class="form-error field-problem" id=${idOf(field)}>
    ${mine.map((problem) => t(`staff.hours.problems.${problem}`)).join(' ')}
  </p>`;
}

/** aria attributes that tie an input to its problems */
function invalidProps(problems, fields) {
  const described = fields.filter((field) => problems.some((problem) => problem.field === field));
  return described.length === 0 ? {} : { 'aria-invalid': 'true', 'aria-describedby': described.map(idOf).join(' ') };
}

/** one day's periods (or an exception's): from and to as HH:MM, add and remove */
function SpansEditor({ t, spans, base, what, problems, onChange, onReshape }) {
  const set = (index, key, value) =>
    onChange(spans.map((span, position) => (position === index ? { ...span, [key]: value } : span)));
  const add = () => onReshape([...spans, spans.length === 0 ? { from: '09:00', to: '15:00' } : { from: '', to: '' }]);
  const remove = (index) => onReshape(spans.filter((_, position) => position !== index));
  return html`<div class="spans">
    ${spans.length === 0 ? html`<p class="closed">${t('staff.hours.closed')}</p>` : null}
    ${spans.map((span, index) => {
      const field = `${base}.${index}`;
      const named = t('staff.hours.spanOf', { what, number: index + 1 });
      return html`<div class="span" data-span=${field}>
        ${['from', 'to'].map(
          (key) => html`<label class="time">
            <span class="visually-hidden">${named}:</span> ${t(`staff.hours.${key}`)}
            <input name=${`${field}.${key}`} value=${span[key]} inputmode="numeric" maxlength="5" size="5"
              placeholder=${key === 'from' ? '09:00' : '15:00'} autocomplete="off"
              onInput=${(event) => set(index, key, event.target.value.trim())}
              ...${invalidProps(problems, [field, `${field}.${key}`])} />
          </label>`,
        )}
        <button type="button" class="quiet" aria-label=${t('staff.hours.removeSpanOf', { what: named })}
          onClick=${() => remove(index)}>${t('staff.hours.removeSpan')}</button>
        <${Problems} t=${t} problems=${problems} field=${field} />
        <${Problems} t=${t} problems=${problems} field=${`${field}.from`} />
        <${Problems} t=${t} problems=${problems} field=${`${field}.to`} />
      </div>`;
    })}
    <button type="button" class="quiet add-span" aria-label=${t('staff.hours.addSpanTo', { what })} onClick=${add}>
      ${t('staff.hours.addSpan')}
    </button>
    <${Problems} t=${t} problems=${problems} field=${base} />
  </div>`;
}

function WeekEditor({ t, weekly, problems, onDay, onReshapeDay }) {
  return html`<fieldset class="hours-week">
    <legend>${t('staff.hours.weekHeading')}</legend>
    <p class="meta">${t('staff.hours.weekHelp')}</p>
    ${DAYS.map((day, index) => {
      const name = t(`staff.stats.weekdays.${index + 1}`);
      return html`<div class="hours-day" data-day=${day}>
        <h4 class="day-name">${name}</h4>
        <${SpansEditor} t=${t} spans=${weekly[day]} base=${`weekly.${day}`} what=${name} problems=${problems}
          onChange=${(spans) => onDay(day, spans)} onReshape=${(spans) => onReshapeDay(day, spans)} />
      </div>`;
    })}
  </fieldset>`;
}

function ExceptionEditor({ t, exception, index, problems, onChange, onReshape, onRemove }) {
  const base = `exceptions.${index}`;
  const what = exception.date || t('staff.hours.exceptionNumber', { number: index + 1 });
  const field = (name) => `hours-${base.replace('.', '-')}-${name}`;
  return html`<fieldset class="hours-exception" data-exception=${index}>
    <legend>${t('staff.hours.exceptionNumber', { number: index + 1 })}</legend>
    <div class="exception-fields">
      <div class="field">
        <label for=${field('date')}>${t('staff.hours.date')}</label>
        <input type="date" id=${field('date')} name=${`${base}.date`} value=${exception.date}
          onInput=${(event) => onChange({ ...exception, date: event.target.value })}
          ...${invalidProps(problems, [`${base}.date`])} />
        <${Problems} t=${t} problems=${problems} field=${`${base}.date`} />
      </div>
      <div class="field">
        <label for=${field('kind')}>${t('staff.hours.kind')}</label>
        <select id=${field('kind')} name=${`${base}.kind`} value=${exception.closed ? 'closed' : 'other'}
          onChange=${(event) => {
            const closed = event.target.value === 'closed';
            const open = !closed && exception.open.length === 0 ? [{ from: '09:00', to: '15:00' }] : exception.open;
            onReshape({ ...exception, closed, open });
          }}>
          <option value="closed">${t('staff.hours.kinds.closed')}</option>
          <option value="other">${t('staff.hours.kinds.other')}</option>
        </select>
      </div>
      <div class="field note">
        <label for=${field('note')}>${t('staff.hours.note')}</label>
        <input id=${field('note')} name=${`${base}.note`} value=${exception.note} maxlength=${NOTE_MAX_CHARS}
          autocomplete="off" onInput=${(event) => onChange({ ...exception, note: event.target.value })}
          ...${invalidProps(problems, [`${base}.note`])} />
        <${Problems} t=${t} problems=${problems} field=${`${base}.note`} />
      </div>
    </div>
    ${
      exception.closed
        ? null
        : html`<${SpansEditor} t=${t} spans=${exception.open} base=${`${base}.open`} what=${what} problems=${problems}
            onChange=${(open) => onChange({ ...exception, open })}
            onReshape=${(open) => onReshape({ ...exception, open })} />`
    }
    <button type="button" class="quiet" aria-label=${t('staff.hours.removeExceptionOf', { what })} onClick=${onRemove}>
      ${t('staff.hours.removeException')}
    </button>
  </fieldset>`;
}

/** "OPENING_HOURS in use" or "saved by liv on 24 Nov 2026, 10:00", in Norwegian time as the hours are */
function CurrentState({ t, hours }) {
  if (hours.source === 'default')
    return html`<p class="hours-state" id="hours-state">${t('staff.hours.stateDefault')}</p>`;
  const time = new Date(hours.updatedAt).toLocaleString(LANGUAGE_TAGS[currentLanguage()], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  });
  return html`<p class="hours-state" id="hours-state">
    ${t('staff.hours.stateSaved', { name: hours.savedBy ?? t('staff.hours.someone'), time })}
  </p>`;
}

export function HoursView({ t, api }) {
  const [hours, setHours] = useState(null);
  const [form, setForm] = useState(null);
  const [problems, setProblems] = useState([]);
  const [status, setStatus] = useState(null);
  const statusBox = useRef(null);

  const show = (answer) => {
    setHours(answer);
    setForm(toForm(answer));
  };
  useEffect(() => {
    api('GET', '/api/staff/hours').then(({ ok, data }) => (ok ? show(data) : setStatus('failed')));
  }, []);
  useEffect(() => {
    if (status && status !== 'saving') statusBox.current?.focus();
  }, [status]);

  if (!form) {
    return html`<section aria-labelledby="hours-title">
      <h2 id="hours-title">${t('staff.hours.title')}</h2>
      <p>${status === 'failed' ? t('staff.hours.failed') : t('staff.hours.loading')}</p>
    </section>`;
  }

  /** a value changed: the problems stay until the next save */
  const edit = (next) => setForm(next);
  /** a period or an exception came or went: the problems' places no longer hold */
  const reshape = (next) => {
    setProblems([]);
    setForm(next);
  };
  const withDay = (day, spans) => ({ ...form, weekly: { ...form.weekly, [day]: spans } });
  const withException = (index, exception) => ({
    ...form,
    exceptions: form.exceptions.map((current, position) => (position === index ? exception : current)),
  });

  const save = async (event) => {
    event.preventDefault();
    setStatus('saving');
    const { ok, status: code, data } = await api('PUT', '/api/staff/hours', toBody(form));
    if (ok) {
      show(data);
      setProblems([]);
      setStatus('saved');
    } else if (code === 400 && Array.isArray(data?.problems)) {
      setProblems(data.problems);
      setStatus('invalid');
    } else {
      setStatus('failed');
    }
  };

  const shown = fieldsShown(form);
  const elsewhere = problems.filter((problem) => !shown.has(problem.field));
  return html`<section class="hours" aria-labelledby="hours-title">
    <h2 id="hours-title">${t('staff.hours.title')}</h2>
    <p>${t('staff.hours.intro')}</p>
    <${CurrentState} t=${t} hours=${hours} />
    <form class="hours-form" onSubmit=${save} novalidate>
      <label class="always">
        <input type="checkbox" name="always" checked=${form.always}
          onChange=${(event) => reshape({ ...form, always: event.target.checked })} />
        ${' '}${t('staff.hours.always')}
      </label>
      ${
        form.always
          ? null
          : html`<${WeekEditor} t=${t} weekly=${form.weekly} problems=${problems}
              onDay=${(day, spans) => edit(withDay(day, spans))}
              onReshapeDay=${(day, spans) => reshape(withDay(day, spans))} />`
      }
      <fieldset class="hours-exceptions">
        <legend>${t('staff.hours.exceptionsHeading')}</legend>
        <p class="meta">${t('staff.hours.exceptionsHelp')}</p>
        ${form.exceptions.length === 0 ? html`<p class="empty">${t('staff.hours.noExceptions')}</p>` : null}
        ${form.exceptions.map(
          (
            exception,
            index,
          ) => html`<${ExceptionEditor} t=${t} exception=${exception} index=${index} problems=${problems}
            onChange=${(next) => edit(withException(index, next))}
            onReshape=${(next) => reshape(withException(index, next))}
            onRemove=${() => reshape({ ...form, exceptions: form.exceptions.filter((_, position) => position !== index) })} />`,
        )}
        <button type="button" class="quiet"
          onClick=${() => reshape({ ...form, exceptions: [...form.exceptions, { date: '', closed: true, open: [], note: '' }] })}>
          ${t('staff.hours.addException')}
        </button>
      </fieldset>
      <div ref=${statusBox} tabindex="-1" class="status" id="hours-status" aria-live="polite">
        ${status === 'saving' ? html`<p>${t('staff.hours.saving')}</p>` : null}
        ${status === 'saved' ? html`<p class="done">${t('staff.hours.saved')}</p>` : null}
        ${status === 'invalid' ? html`<p class="form-error">${t('staff.hours.invalid')}</p>` : null}
        ${status === 'failed' ? html`<p class="form-error">${t('staff.hours.failed')}</p>` : null}
        ${elsewhere.map(
          (problem) =>
            html`<p class="form-error">${t(`staff.hours.problems.${problem.problem}`)} (${problem.field || '–'})</p>`,
        )}
      </div>
      <button type="submit" class="primary" disabled=${status === 'saving'}>${t('staff.hours.save')}</button>
    </form>
  </section>`;
}
