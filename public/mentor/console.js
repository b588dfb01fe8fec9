// The mentor console: plain DOM, no framework, no outside scripts. Every word comes from
// /mentor/strings.json (locales/<lng>/console.json). Text from users is only ever set as textContent.

const LANGUAGES = ['nb', 'nn', 'en'];
const LANGUAGE_TAGS = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
const OUTCOMES = ['answered', 'referred', 'no_contact', 'other'];
const LANGUAGE_STORAGE_KEY = 'mentor-console-language';
const ZONE = 'Europe/Oslo';
const MAX_RETRY_MS = 30_000;

const state = {
  language: 'nb',
  strings: {},
  stringsByLanguage: new Map(),
  me: null,
  // nothing to show until the server has said whether the mentor is logged in
  screen: 'starting',
  handovers: [],
  callbacks: [],
  openId: null,
  open: null,
  drafts: new Map(),
  // the outcome chosen per handover, kept like drafts so a live re-draw does not reset it
  outcomes: new Map(),
  knownWaiting: new Set(),
  events: null,
  retryMs: 1000,
  refreshTimer: null,
  live: null,
};

class SessionEnded extends Error {}

const byId = (id) => document.getElementById(id);

function lookup(tree, key) {
  return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
}

function t(key, params = {}) {
  const value = lookup(state.strings, key);
  if (typeof value !== 'string') return key;
  return value.replace(/\{\{(\w+)\}\}/g, (_, name) => String(params[name] ?? ''));
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'className') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

// ---- language ----

async function loadStrings(language) {
  if (!state.stringsByLanguage.has(language)) {
    const response = await fetch(`/mentor/strings.json?lng=${encodeURIComponent(language)}`);
    state.stringsByLanguage.set(language, await response.json());
  }
  return state.stringsByLanguage.get(language);
}

function initialLanguage() {
  const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  if (LANGUAGES.includes(saved)) return saved;
  const browser = (navigator.language || '').toLowerCase();
  if (browser.startsWith('nn')) return 'nn';
  if (browser.startsWith('en')) return 'en';
  return 'nb';
}

async function setLanguage(language) {
  state.strings = await loadStrings(language);
  state.language = language;
  localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  document.documentElement.lang = language;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  byId('language').value = language;
  setLive(state.live);
  renderHeader();
  render();
}

// ---- talking to the server ----

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && path !== '/api/mentor/login') {
    sessionEnded();
    throw new SessionEnded();
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, ok: response.ok, data };
}

/** runs a user action: clears the last alert, shows a calm message when something fails */
async function run(action) {
  hideAlert();
  try {
    await action();
  } catch (error) {
    if (!(error instanceof SessionEnded)) showAlert(t('errors.generic'));
  }
}

function handoverPath(id, action = '') {
  return `/api/mentor/handovers/${encodeURIComponent(id)}${action}`;
}

/** refreshes without touching what the mentor is told: a failed poll only shows as "paused" */
function refreshInBackground() {
  refreshAll().catch((error) => {
    if (!(error instanceof SessionEnded)) setLive('paused');
  });
}

async function refreshAll() {
  const [handovers, callbacks] = await Promise.all([
    api('GET', '/api/mentor/handovers'),
    api('GET', '/api/mentor/callbacks'),
  ]);
  if (handovers.ok && Array.isArray(handovers.data)) {
    announceNewWaiting(handovers.data);
    state.handovers = handovers.data;
  }
  if (callbacks.ok && Array.isArray(callbacks.data)) state.callbacks = callbacks.data;
  if (state.openId) await refreshOpen();
  render();
}

async function refreshOpen() {
  const id = state.openId;
  const response = await api('GET', handoverPath(id));
  if (!response.ok || id !== state.openId) return;
  const before = state.open && state.open.id === id ? state.open.messages.length : null;
  state.open = { ...response.data, messages: Array.isArray(response.data.messages) ? response.data.messages : [] };
  const fresh = before === null ? [] : state.open.messages.slice(before);
  if (fresh.some((message) => message.direction === 'user')) announce(t('handover.newMessage'));
  await loadStrings(cannedLanguage(state.open));
}

function announceNewWaiting(handovers) {
  const waiting = handovers.filter((handover) => handover.status === 'waiting');
  const fresh = waiting.filter((handover) => !state.knownWaiting.has(handover.id));
  if (state.knownWaiting.size > 0 || state.screen === 'queue') {
    if (fresh.some((handover) => handover.crisis)) announce(t('queue.newCrisis'));
    else if (fresh.length > 0) announce(t('queue.newWaiting'));
  }
  state.knownWaiting = new Set(waiting.map((handover) => handover.id));
}

// ---- live updates (Server-Sent Events) ----

function connectEvents() {
  closeEvents();
  const source = new EventSource('/api/mentor/events');
  state.events = source;
  source.onopen = () => {
    state.retryMs = 1000;
    setLive('connected');
    refreshInBackground();
  };
  // events are hints: the page fetches the queue and the open handover again
  source.onmessage = (event) => {
    if (eventType(event.data) === 'session.ended') sessionEnded();
    else scheduleRefresh();
  };
  source.onerror = () => {
    setLive('paused');
    // the browser retries by itself unless the server refused the stream (e.g. the session ended)
    if (source.readyState === EventSource.CLOSED) {
      closeEvents();
      setTimeout(reconnect, state.retryMs);
      state.retryMs = Math.min(state.retryMs * 2, MAX_RETRY_MS);
    }
  };
}

function eventType(data) {
  try {
    return JSON.parse(data).type;
  } catch {
    return undefined;
  }
}

async function reconnect() {
  if (!state.me) return;
  try {
    await refreshAll();
    connectEvents();
  } catch (error) {
    if (error instanceof SessionEnded) return;
    setTimeout(reconnect, state.retryMs);
    state.retryMs = Math.min(state.retryMs * 2, MAX_RETRY_MS);
  }
}

function closeEvents() {
  if (state.events) state.events.close();
  state.events = null;
}

/** a burst of events (a message and a status change) becomes one refresh */
function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refreshInBackground, 150);
}

function setLive(status) {
  state.live = status;
  const live = byId('live');
  live.textContent = status ? t(`live.${status}`) : '';
  live.classList.toggle('paused', status === 'paused');
}

// ---- session ----

async function start() {
  byId('language').addEventListener('change', (event) => run(() => setLanguage(event.target.value)));
  byId('logout').addEventListener('click', () => run(logout));
  for (const button of document.querySelectorAll('[data-screen]')) {
    button.addEventListener('click', () => navigate(button.dataset.screen));
  }
  await setLanguage(initialLanguage());
  try {
    const me = await api('GET', '/api/mentor/me');
    if (me.ok) await loggedIn(me.data.mentor);
    else navigate('login');
  } catch (error) {
    if (!(error instanceof SessionEnded)) {
      navigate('login');
      showAlert(t('errors.generic'));
    }
  }
  // the page knows now whether the mentor is logged in (styles and tests may wait for it)
  document.body.dataset.sessionChecked = 'true';
  setInterval(() => {
    if (state.me) render();
  }, 30_000);
}

async function loggedIn(mentor) {
  state.me = mentor;
  renderHeader();
  connectEvents();
  navigate('queue');
  await refreshAll();
}

function sessionEnded() {
  if (state.me) showAlert(t('login.sessionEnded'));
  state.me = null;
  state.openId = null;
  state.open = null;
  closeEvents();
  setLive(null);
  renderHeader();
  navigate('login');
}

async function login(event) {
  event.preventDefault();
  const form = event.target;
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  const error = byId('login-error');
  if (!username || !password) {
    error.textContent = t('login.missing');
    return;
  }
  const response = await api('POST', '/api/mentor/login', { username, password });
  if (response.ok) {
    await loggedIn(response.data.mentor);
    return;
  }
  form.elements.password.value = '';
  if (response.status === 401) error.textContent = t('login.failed');
  else if (response.status === 429) {
    const minutes = Math.max(1, Math.ceil((response.data?.retryAfterSeconds ?? 60) / 60));
    error.textContent = t('login.rateLimited', { minutes });
  } else error.textContent = t('errors.generic');
  form.elements.password.focus();
}

async function logout() {
  await api('POST', '/api/mentor/logout');
  state.me = null;
  closeEvents();
  setLive(null);
  renderHeader();
  navigate('login');
}

// ---- actions on handovers ----

async function openHandover(id) {
  state.openId = id;
  state.open = null;
  navigate('handover');
  await refreshOpen();
  render();
  if (state.open?.crisis) announce(t('handover.crisisBanner'));
}

async function accept(id) {
  const response = await api('POST', handoverPath(id, '/accept'));
  if (response.status === 409) showAlert(t('handover.alreadyTaken'));
  else if (!response.ok) showAlert(t('errors.generic'));
  await refreshAll();
  byId('compose-text')?.focus();
}

async function sendMessage(id) {
  const text = (state.drafts.get(id) ?? '').trim();
  if (!text) return;
  // the box empties at once, so the mentor can go on writing while the message is on its way
  state.drafts.delete(id);
  const box = byId('compose-text');
  if (box) box.value = '';
  let response;
  try {
    response = await api('POST', handoverPath(id, '/messages'), { text });
  } catch (error) {
    if (error instanceof SessionEnded) throw error;
    response = { ok: false };
  }
  if (!response.ok) {
    keepUnsent(id, text);
    showAlert(t('handover.sendFailed'));
    return;
  }
  await refreshAll();
  byId('compose-text')?.focus();
}

/** a message that did not go out goes back in front of anything typed since */
function keepUnsent(id, text) {
  const since = (state.drafts.get(id) ?? '').trim();
  state.drafts.set(id, since ? `${text}\n${since}` : text);
  if (state.openId === id) render();
}

async function release(id) {
  const response = await api('POST', handoverPath(id, '/release'));
  if (!response.ok) {
    showAlert(t('errors.generic'));
    return;
  }
  state.outcomes.delete(id);
  announce(t('handover.releasedDone'));
  leaveHandover();
}

async function close(id) {
  const outcome = state.outcomes.get(id);
  if (!OUTCOMES.includes(outcome)) {
    showAlert(t('handover.chooseOutcome'));
    byId('outcome').focus();
    return;
  }
  const response = await api('POST', handoverPath(id, '/close'), { outcome });
  if (!response.ok) {
    showAlert(t('errors.generic'));
    return;
  }
  state.drafts.delete(id);
  state.outcomes.delete(id);
  announce(t('handover.closedDone'));
  leaveHandover();
}

async function markCallbackDone(id) {
  const response = await api('POST', `/api/mentor/callbacks/${encodeURIComponent(id)}/done`);
  if (!response.ok) {
    showAlert(t('errors.generic'));
    return;
  }
  announce(t('callbacks.doneDone'));
  if (state.screen === 'handover') leaveHandover('callbacks');
  else await refreshAll();
}

/** the first SMS to someone who asked to be contacted: it starts an ordinary SMS conversation with them */
async function startSmsConversation(id) {
  const key = smsDraftKey(id);
  const text = (state.drafts.get(key) ?? t('callbacks.smsDraft', { mentor: state.me?.username ?? '' })).trim();
  if (!text) return;
  const response = await api('POST', handoverPath(id, '/sms'), { text });
  if (!response.ok) {
    const error = response.data?.error;
    showAlert(
      error === 'opted_out'
        ? t('callbacks.smsOptedOut')
        : error === 'sms_open'
          ? t('callbacks.smsOpen')
          : t('errors.generic'),
    );
    return;
  }
  state.drafts.delete(key);
  announce(t('callbacks.smsStarted'));
  await openHandover(response.data.id);
  byId('compose-text')?.focus();
}

const smsDraftKey = (id) => `sms:${id}`;

function leaveHandover(screen = 'queue') {
  state.openId = null;
  state.open = null;
  navigate(screen);
  refreshInBackground();
}

// ---- rendering ----

function navigate(screen) {
  hideAlert();
  state.screen = screen;
  render();
  byId('main').focus();
}

function renderHeader() {
  byId('nav').hidden = !state.me;
  byId('who').textContent = state.me ? t('nav.loggedInAs', { username: state.me.username }) : '';
}

/** re-renders the screen, keeping focus and the caret where the mentor had them */
function render() {
  const active = document.activeElement;
  const focusKey = active?.dataset?.focusKey;
  const selection = active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  const transcript = document.querySelector('.transcript');
  const atBottom = !transcript || transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 8;

  for (const button of document.querySelectorAll('[data-screen]')) {
    if (button.dataset.screen === state.screen) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  const views = {
    starting: startingView,
    login: loginView,
    queue: queueView,
    handover: handoverView,
    callbacks: callbacksView,
  };
  byId('main').replaceChildren(views[state.screen]());

  const nextTranscript = document.querySelector('.transcript');
  if (nextTranscript && atBottom) nextTranscript.scrollTop = nextTranscript.scrollHeight;
  if (focusKey) {
    const target = document.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (target) {
      target.focus();
      if (selection && 'setSelectionRange' in target) target.setSelectionRange(...selection);
    }
  }
}

function startingView() {
  return el('div', { 'aria-busy': 'true' });
}

/** the login form; a re-draw (another language) keeps what the mentor has typed */
function loginView() {
  const username = el('input', {
    id: 'username',
    name: 'username',
    'data-focus-key': 'username',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
  });
  const password = el('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    'data-focus-key': 'password',
    autocomplete: 'current-password',
    required: true,
  });
  // set as properties, not attributes: a typed password never lands in the page's markup
  username.value = byId('username')?.value ?? '';
  password.value = byId('password')?.value ?? '';
  return el(
    'form',
    { className: 'login', onsubmit: (event) => run(() => login(event)), novalidate: true },
    el('h2', { text: t('login.heading') }),
    el('div', { className: 'field' }, el('label', { for: 'username', text: t('login.username') }), username),
    el('div', { className: 'field' }, el('label', { for: 'password', text: t('login.password') }), password),
    el('p', { id: 'login-error', className: 'form-error', 'aria-live': 'assertive' }),
    el('button', { type: 'submit', className: 'primary', text: t('login.submit') }),
  );
}

function queueView() {
  const waiting = state.handovers.filter((handover) => handover.status === 'waiting');
  const active = state.handovers.filter((handover) => handover.status === 'active');
  return el(
    'section',
    { 'aria-labelledby': 'queue-heading' },
    el('h2', { id: 'queue-heading', text: t('queue.heading') }),
    waiting.length === 0
      ? el('p', { className: 'empty', text: t('queue.empty') })
      : el('ul', { className: 'cards' }, waiting.map(handoverCard)),
    el('h2', { text: t('queue.activeHeading') }),
    active.length === 0
      ? el('p', { className: 'empty', text: t('queue.noneActive') })
      : el('ul', { className: 'cards' }, active.map(handoverCard)),
  );
}

function handoverCard(handover) {
  return el(
    'li',
    { className: handover.crisis ? 'card crisis' : 'card' },
    el(
      'div',
      { className: 'card-main' },
      el(
        'div',
        { className: 'card-title' },
        handover.crisis ? el('span', { className: 'crisis-badge', text: t('crisis.badge') }) : null,
        // a crisis without a topic is said by the badge alone
        handover.crisis && !handover.topic ? null : topicLabel(handover),
      ),
      el(
        'div',
        { className: 'meta' },
        [
          channelLabel(handover.channel),
          t('queue.waited', { time: waited(handover.waitingSince) }),
          statusText(handover),
        ].join(' · '),
      ),
    ),
    el('button', {
      type: 'button',
      className: handover.crisis ? 'primary' : undefined,
      'data-focus-key': `open-${handover.id}`,
      text: t('queue.open'),
      onclick: () => run(() => openHandover(handover.id)),
    }),
  );
}

function handoverView() {
  const handover = state.open;
  const back = el('button', {
    type: 'button',
    className: 'quiet',
    text: t('handover.back'),
    onclick: () => leaveHandover(handover?.status === 'callback' ? 'callbacks' : 'queue'),
  });
  if (!handover) return el('section', {}, back, el('p', { className: 'empty', text: t('handover.loading') }));
  return el(
    'section',
    { 'aria-labelledby': 'handover-heading' },
    back,
    el('h2', { id: 'handover-heading' }, topicLabel(handover)),
    el(
      'p',
      { className: 'meta' },
      [
        channelLabel(handover.channel),
        t('queue.waited', { time: waited(handover.waitingSince) }),
        statusText(handover),
      ].join(' · '),
    ),
    handover.crisis ? el('p', { className: 'crisis-banner', text: t('handover.crisisBanner') }) : null,
    handover.consentWithdrawnAt
      ? el('p', { className: 'consent-withdrawn', role: 'status', text: t('handover.consentWithdrawn') })
      : null,
    el('h3', { text: t('handover.summary') }),
    el('p', { className: 'summary', text: summaryText(handover.summary) }),
    el('h3', { id: 'transcript-heading', text: t('handover.transcript') }),
    handover.messages.length === 0
      ? el('p', { className: 'empty', text: t('handover.noMessages') })
      : el(
          'ol',
          { className: 'transcript', 'aria-labelledby': 'transcript-heading', tabindex: '0' },
          handover.messages.map(messageItem),
        ),
    handoverActions(handover),
  );
}

function messageItem(message) {
  const direction = ['user', 'bot', 'mentor'].includes(message.direction) ? message.direction : 'user';
  return el(
    'li',
    { className: message.crisis ? `message ${direction} crisis-message` : `message ${direction}` },
    el(
      'span',
      { className: message.delivery === 'failed' ? 'message-meta failed' : 'message-meta' },
      [
        t(`handover.from.${direction}`),
        clock(message.at),
        message.delivery ? t(`handover.delivery.${message.delivery}`) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    // the person's message that set off the crisis answer, said in words and not by colour alone
    message.crisis ? el('span', { className: 'crisis-mark', text: t('handover.crisisMessage') }) : null,
    el('span', { className: 'message-text', text: message.text }),
  );
}

function handoverActions(handover) {
  const mine = handover.status === 'active' && state.me && handover.mentor === state.me.username;
  if (handover.status === 'waiting') {
    return el(
      'div',
      { className: 'actions' },
      el('button', {
        type: 'button',
        className: 'primary',
        'data-focus-key': 'accept',
        text: t('handover.accept'),
        onclick: () => run(() => accept(handover.id)),
      }),
    );
  }
  if (handover.status === 'callback') return callbackActions(handover);
  if (handover.status === 'closed') return el('p', { className: 'empty', text: t('handover.isClosed') });
  if (!mine) return el('p', { className: 'empty', text: t('handover.takenBy', { mentor: handover.mentor ?? '' }) });
  return el('div', {}, composeForm(handover), closeForm(handover));
}

/** a callback: how the person can be reached, a first SMS when there is a number, and "done" */
function callbackActions(handover) {
  const done = el('button', {
    type: 'button',
    'data-focus-key': 'done',
    text: t('callbacks.markDone'),
    onclick: () => run(() => markCallbackDone(handover.id)),
  });
  if (!handover.phone) {
    return el('div', { className: 'actions' }, el('p', { text: reachLabel(handover) }), done);
  }
  const key = smsDraftKey(handover.id);
  const textarea = el('textarea', {
    id: 'callback-sms-text',
    'data-focus-key': 'callback-sms',
    oninput: (event) => state.drafts.set(key, event.target.value),
  });
  textarea.value = state.drafts.get(key) ?? t('callbacks.smsDraft', { mentor: state.me?.username ?? '' });
  return el(
    'form',
    {
      className: 'compose',
      onsubmit: (event) => {
        event.preventDefault();
        run(() => startSmsConversation(handover.id));
      },
    },
    el('p', { text: reachLabel(handover) }),
    el('label', { for: 'callback-sms-text', text: t('callbacks.smsLabel') }),
    textarea,
    el('p', { className: 'meta', text: t('callbacks.smsHint') }),
    el(
      'div',
      { className: 'actions' },
      el('button', {
        type: 'submit',
        className: 'primary',
        'data-focus-key': 'sms-start',
        text: t('callbacks.smsStart'),
      }),
      done,
    ),
  );
}

/** how a callback can be answered: by SMS to a number, or not at all until the person comes back */
function reachLabel(callback) {
  if (callback.phone) return t('callbacks.reachSms', { phone: callback.phone });
  return t('callbacks.reachNone');
}

function composeForm(handover) {
  const canned = lookup(state.stringsByLanguage.get(cannedLanguage(handover)) ?? {}, 'canned') ?? {};
  const textarea = el('textarea', {
    id: 'compose-text',
    'data-focus-key': 'compose',
    onkeydown: (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run(() => sendMessage(handover.id));
      }
    },
    oninput: (event) => state.drafts.set(handover.id, event.target.value),
  });
  textarea.value = state.drafts.get(handover.id) ?? '';
  const insert = (text) => {
    const current = textarea.value.trim();
    textarea.value = current ? `${current}\n${text}` : text;
    state.drafts.set(handover.id, textarea.value);
    textarea.focus();
  };
  return el(
    'form',
    {
      className: 'compose',
      onsubmit: (event) => {
        event.preventDefault();
        run(() => sendMessage(handover.id));
      },
    },
    el('label', { for: 'compose-text', text: t('handover.messageLabel') }),
    textarea,
    el('p', { className: 'meta', text: t('handover.sendHint') }),
    el(
      'div',
      { className: 'canned', role: 'group', 'aria-label': t('handover.canned') },
      Object.entries(canned).map(([key, reply]) =>
        el('button', {
          type: 'button',
          'data-focus-key': `canned-${key}`,
          text: reply.label,
          title: reply.text,
          onclick: () => insert(reply.text),
        }),
      ),
    ),
    el(
      'div',
      { className: 'actions' },
      el('button', { type: 'submit', className: 'primary', 'data-focus-key': 'send', text: t('handover.send') }),
      el('button', {
        type: 'button',
        'data-focus-key': 'release',
        text: t('handover.release'),
        onclick: () => run(() => release(handover.id)),
      }),
    ),
  );
}

function closeForm(handover) {
  const select = el(
    'select',
    {
      id: 'outcome',
      'data-focus-key': 'outcome',
      onchange: (event) => state.outcomes.set(handover.id, event.target.value),
    },
    el('option', { value: '', text: t('handover.outcomePlaceholder') }),
    OUTCOMES.map((outcome) => el('option', { value: outcome, text: t(`outcome.${outcome}`) })),
  );
  select.value = state.outcomes.get(handover.id) ?? '';
  return el(
    'div',
    { className: 'close-form' },
    el('h3', { text: t('handover.closeHeading') }),
    el(
      'div',
      { className: 'actions' },
      el('label', { for: 'outcome', text: t('handover.outcome') }),
      select,
      el('button', {
        type: 'button',
        'data-focus-key': 'close',
        text: t('handover.close'),
        onclick: () => run(() => close(handover.id)),
      }),
    ),
  );
}

function callbacksView() {
  return el(
    'section',
    { 'aria-labelledby': 'callbacks-heading' },
    el('h2', { id: 'callbacks-heading', text: t('callbacks.heading') }),
    el('p', { text: t('callbacks.intro') }),
    state.callbacks.length === 0
      ? el('p', { className: 'empty', text: t('callbacks.empty') })
      : el(
          'ul',
          { className: 'cards' },
          state.callbacks.map((callback) =>
            el(
              'li',
              { className: callback.crisis ? 'card crisis' : 'card' },
              el(
                'div',
                { className: 'card-main' },
                el(
                  'div',
                  { className: 'card-title' },
                  callback.crisis ? el('span', { className: 'crisis-badge', text: t('crisis.badge') }) : null,
                  topicLabel(callback),
                ),
                el(
                  'div',
                  { className: 'meta' },
                  [
                    channelLabel(callback.channel),
                    t('callbacks.askedAt', { time: dateTime(callback.waitingSince) }),
                    reachLabel(callback),
                  ]
                    .filter(Boolean)
                    .join(' · '),
                ),
              ),
              el('button', {
                type: 'button',
                'data-focus-key': `open-${callback.id}`,
                text: t('queue.open'),
                onclick: () => run(() => openHandover(callback.id)),
              }),
              el('button', {
                type: 'button',
                'data-focus-key': `done-${callback.id}`,
                text: t('callbacks.markDone'),
                onclick: () => run(() => markCallbackDone(callback.id)),
              }),
            ),
          ),
        ),
  );
}

// ---- words and times ----

/** the topic the person asked about; a crisis with none is "Krise", not "no topic" */
function topicLabel(handover) {
  const label = handover.topic ? lookup(state.strings, `topics.${handover.topic}`) : undefined;
  if (typeof label === 'string') return label;
  return handover.crisis ? t('topics.crisis') : t('topics.none');
}

/** the server's summary is facts without words (`topic=…; consent=yes|no; userMessages=n`): say them */
function summaryText(summary) {
  const facts = new Map(
    (summary ?? '')
      .split(';')
      .map((part) => part.split('=').map((side) => side.trim()))
      .filter((pair) => pair.length === 2),
  );
  const sentences = [];
  if (facts.get('consent') === 'yes') sentences.push(t('handover.summaryConsentYes'));
  if (facts.get('consent') === 'no') sentences.push(t('handover.summaryConsentNo'));
  if (/^\d+$/.test(facts.get('userMessages') ?? '')) {
    sentences.push(t('handover.summaryUserMessages', { count: facts.get('userMessages') }));
  }
  if (sentences.length > 0) return sentences.join('\n');
  return summary || t('handover.noSummary');
}

function channelLabel(channel) {
  return t(`channel.${channel}`);
}

function statusText(handover) {
  if (handover.status === 'active' && handover.mentor) return t('status.activeWith', { mentor: handover.mentor });
  return t(`status.${handover.status}`);
}

function cannedLanguage(handover) {
  return LANGUAGES.includes(handover.locale) ? handover.locale : state.language;
}

function waited(iso) {
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return t('time.underAMinute');
  if (minutes < 60) return t('time.minutes', { minutes });
  return t('time.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function clock(iso) {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[state.language], { timeZone: ZONE, timeStyle: 'short' }).format(
    new Date(iso),
  );
}

function dateTime(iso) {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[state.language], {
    timeZone: ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

// ---- messages to the mentor ----

function showAlert(text) {
  const alert = byId('alert');
  alert.textContent = text;
  alert.hidden = false;
}

function hideAlert() {
  byId('alert').hidden = true;
}

function announce(text) {
  const announcer = byId('announcer');
  announcer.textContent = '';
  // a separate task, so screen readers notice the change even when the text repeats
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

start();
