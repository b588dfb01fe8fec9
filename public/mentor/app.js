// The mentor console: the state, what the mentor can do, and the live event stream. Views (views/*.js)
// draw the state with Preact+htm; every word comes from locales/<lng>/console.json through i18next.
import { api, SessionEnded } from './lib/api.js';
import { html, render } from './lib/html.js';
import { initialLanguage, loadLanguage, switchLanguage, t } from './lib/strings.js';
import {
  notificationsOn,
  playSound,
  setSound,
  showNotification,
  soundOn,
  turnNotificationsOff,
  turnNotificationsOn,
} from './lib/waitingAlerts.js';
import { cannedLanguage, channelLabel } from './lib/words.js';
import { CallbacksView, smsDraft, smsDraftKey } from './views/callbacks.js';
import { OUTCOMES } from './views/closeForm.js';
import { HandoverView } from './views/handover.js';
import { Header } from './views/header.js';
import { LoginView } from './views/login.js';
import { Alert, Announcer, Notice } from './views/messages.js';
import { PasswordChangeForm } from './views/passwordChangeForm.js';
import { QueueView } from './views/queue.js';

const MAX_RETRY_MS = 30_000;
/** the pause offered after a crisis conversation */
const PAUSE_MINUTES = 15;

const state = {
  language: 'nb',
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
  // null until the first list: who waited before the console opened is not news
  knownWaiting: null,
  live: null,
  alert: null,
  // a calm line that something the mentor did is done (a transfer, a new password)
  notice: null,
  announcement: '',
  loginError: null,
  pausedUntil: null,
  // set after the mentor closed a crisis conversation: the pause and "I need to talk this through"
  afterCrisis: null,
  alertSettings: { notify: notificationsOn(), sound: soundOn() },
};

let events = null;
let retryMs = 1000;
let refreshing = false;
let refreshAgain = false;
/** people the event stream says started waiting, by the event's number, until a fetched list has them */
const arriving = new Map();
let eventCount = 0;
let pauseTimer = null;
/** the one-time password typed at this login, in memory only until the mentor has chosen their own */
let oneTimePassword;

const handoverPath = (id, action = '') => `/api/mentor/handovers/${encodeURIComponent(id)}${action}`;
const isPaused = () => state.pausedUntil !== null && new Date(state.pausedUntil).getTime() > Date.now();
const waitingCount = () =>
  new Set([
    ...state.handovers.filter((handover) => handover.status === 'waiting').map((handover) => handover.id),
    ...arriving.keys(),
  ]).size;

// ---- drawing ----

/** the only screen for an account still on its one-time password: the server refuses everything else */
function PasswordScreen({ state, actions }) {
  return html`<${PasswordChangeForm}
    t=${t}
    api=${api}
    username=${state.me?.username}
    current=${oneTimePassword}
    onDone=${actions.passwordChanged}
  />`;
}

const SCREENS = {
  starting: () => html`<div aria-busy="true"></div>`,
  login: LoginView,
  password: PasswordScreen,
  queue: QueueView,
  handover: HandoverView,
  callbacks: CallbacksView,
};

function Console() {
  const Screen = SCREENS[state.screen];
  return html`<a class="skip-link" href="#main">${t('skipToContent')}</a>
    <${Header} state=${state} actions=${actions} />
    <${Alert} text=${state.alert} />
    <${Notice} text=${state.notice} />
    <main id="main" tabindex="-1"><${Screen} state=${state} actions=${actions} /></main>
    <${Announcer} text=${state.announcement} />`;
}

/** draws the state; a transcript scrolled to its end stays at the end when messages arrive */
function draw() {
  const transcript = document.querySelector('.transcript');
  const atBottom = !transcript || transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 8;
  render(html`<${Console} />`, document.getElementById('app'));
  const next = document.querySelector('.transcript');
  if (next && atBottom) next.scrollTop = next.scrollHeight;
  document.title = tabTitle();
}

/** "(2) venter – Mentorkonsoll …" while people wait, so a mentor in another tab sees it; not during a pause */
function tabTitle() {
  const count = state.me && !isPaused() ? waitingCount() : 0;
  return count > 0 ? t('titleWaiting', { count }) : t('title');
}

function focus(id) {
  document.getElementById(id)?.focus();
}

function showAlert(text) {
  state.alert = text;
  draw();
}

function hideAlert() {
  state.alert = null;
  state.notice = null;
}

/** says that something is done, on the page and to screen readers */
function showNotice(text) {
  state.notice = text;
  announce(text);
}

function announce(text) {
  state.announcement = '';
  draw();
  // a separate task, so screen readers notice the change even when the text repeats
  setTimeout(() => {
    state.announcement = text;
    draw();
  }, 50);
}

/** runs a mentor's action: clears the last alert, shows a calm message when something fails */
function run(action) {
  return async (...args) => {
    hideAlert();
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof SessionEnded) sessionEnded();
      else showAlert(t('errors.generic'));
    }
  };
}

// ---- talking to the server ----

/** refreshes without troubling the mentor: a failed fetch only shows as "lost contact" */
function refreshInBackground() {
  refreshAll().catch((error) => {
    if (error instanceof SessionEnded) sessionEnded();
    else setLive('paused');
  });
}

async function refreshAll() {
  const eventsBefore = eventCount;
  const [handovers, callbacks] = await Promise.all([
    api('GET', '/api/mentor/handovers'),
    api('GET', '/api/mentor/callbacks'),
  ]);
  if (handovers.ok && Array.isArray(handovers.data)) {
    state.handovers = handovers.data;
    for (const [id, number] of arriving) if (number <= eventsBefore) arriving.delete(id);
    tellAboutNewWaiting(handovers.data);
  }
  if (callbacks.ok && Array.isArray(callbacks.data)) state.callbacks = callbacks.data;
  if (state.openId) await refreshOpen();
  draw();
}

async function refreshOpen() {
  const id = state.openId;
  const response = await api('GET', handoverPath(id));
  if (!response.ok || id !== state.openId) return;
  const previous = state.open && state.open.id === id ? state.open : null;
  const before = previous ? previous.messages.length : null;
  state.open = { ...response.data, messages: Array.isArray(response.data.messages) ? response.data.messages : [] };
  // a coordinator moved the mentor's conversation while it was open: said once, calmly
  const wasMine = previous?.status === 'active' && previous.mentor === state.me?.username;
  if (wasMine && state.open.status === 'active' && state.open.mentor !== state.me?.username) {
    showNotice(t('transfer.movedAway', { mentor: state.open.mentor ?? '' }));
  }
  const fresh = before === null ? [] : state.open.messages.slice(before);
  if (fresh.some((message) => message.direction === 'user')) announce(t('handover.newMessage'));
  await loadLanguage(cannedLanguage(state.open));
}

/** someone new in the queue: said on the page, and by notification and sound when the mentor chose them */
function tellAboutNewWaiting(handovers) {
  const waiting = handovers.filter((handover) => handover.status === 'waiting');
  const known = state.knownWaiting;
  state.knownWaiting = new Set(waiting.map((handover) => handover.id));
  if (known === null || isPaused()) return;
  const fresh = waiting.filter((handover) => !known.has(handover.id));
  if (fresh.length === 0) return;
  const crisis = fresh.find((handover) => handover.crisis);
  announce(crisis ? t('queue.newCrisis') : t('queue.newWaiting'));
  if (soundOn()) playSound(crisis ? 'crisis' : 'waiting');
  if (notificationsOn()) {
    const newest = crisis ?? fresh[fresh.length - 1];
    const body = crisis
      ? t('notify.crisisBody', { channel: channelLabel(newest.channel) })
      : t('notify.body', { channel: channelLabel(newest.channel) });
    showNotification(t('notify.title'), body);
  }
}

// ---- live updates (Server-Sent Events) ----

function connectEvents() {
  closeEvents();
  const source = new EventSource('/api/mentor/events');
  events = source;
  source.onopen = () => {
    retryMs = 1000;
    setLive('connected');
    refreshInBackground();
  };
  // events are hints: the page fetches the queue and the open handover again
  source.onmessage = (event) => {
    const data = parseEvent(event.data);
    if (data?.type === 'session.ended') return sessionEnded();
    if (data?.type === 'handover.changed') countArrival(data);
    if (data?.type === 'handover.transferred' && data.toMentor === state.me?.username) {
      showNotice(t('transfer.received'));
    }
    scheduleRefresh();
  };
  source.onerror = () => {
    setLive('paused');
    // the browser retries by itself unless the server refused the stream (e.g. the session ended)
    if (source.readyState === EventSource.CLOSED) {
      closeEvents();
      setTimeout(reconnect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
}

function parseEvent(data) {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** the tab's title counts a new arrival from the event itself, before the list is fetched */
function countArrival({ handoverId, status }) {
  eventCount += 1;
  if (status === 'waiting') arriving.set(handoverId, eventCount);
  else arriving.delete(handoverId);
  document.title = tabTitle();
}

async function reconnect() {
  if (!state.me) return;
  try {
    await refreshAll();
    connectEvents();
  } catch (error) {
    if (error instanceof SessionEnded) {
      sessionEnded();
      return;
    }
    setTimeout(reconnect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }
}

function closeEvents() {
  events?.close();
  events = null;
}

/**
 * The first event refreshes at once; events that come while that refresh is under way (a message and
 * a status change) become one more refresh after it, never one each.
 */
function scheduleRefresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  refreshAll()
    .catch((error) => {
      if (error instanceof SessionEnded) sessionEnded();
      else setLive('paused');
    })
    .finally(() => {
      refreshing = false;
      if (refreshAgain) {
        refreshAgain = false;
        scheduleRefresh();
      }
    });
}

function setLive(status) {
  state.live = status;
  draw();
}

// ---- session ----

/** `/api/mentor/me` answers `{mentor}` or, with roles, `{username, role}`: the console takes either */
function mentorFrom(data) {
  const mentor = data?.mentor ?? data ?? {};
  return {
    username: mentor.username ?? data?.username,
    role: mentor.role ?? data?.role ?? 'mentor',
    mustChangePassword: Boolean(mentor.mustChangePassword ?? data?.mustChangePassword),
  };
}

async function loggedIn(mentor) {
  state.me = mentor;
  state.loginError = null;
  state.knownWaiting = null;
  if (mentor.mustChangePassword) {
    // nothing else works until the mentor has a password of their own: no queue, no event stream
    navigate('password');
    focus('password-heading');
    return;
  }
  oneTimePassword = undefined;
  connectEvents();
  navigate('queue');
  await Promise.all([refreshAll(), refreshPause()]);
  await openLinkedHandover();
}

/** `/mentor#handover=<id>` (the coordinators' overview links so after a take-over) opens that conversation */
async function openLinkedHandover() {
  const id = new URLSearchParams(location.hash.slice(1)).get('handover');
  if (!id) return;
  history.replaceState(null, '', location.pathname);
  await openHandover(id);
}

/** the new password is saved: on to the console, as after any login */
async function passwordChanged() {
  await loggedIn({ ...state.me, mustChangePassword: false });
  showNotice(t('password.done'));
}

/** what belongs to the mentor who was logged in goes with them */
function forgetMentor() {
  oneTimePassword = undefined;
  clearTimeout(pauseTimer);
  arriving.clear();
  closeEvents();
}

function sessionEnded() {
  if (state.me) state.alert = t('login.sessionEnded');
  forgetMentor();
  state.me = null;
  state.openId = null;
  state.open = null;
  state.afterCrisis = null;
  state.pausedUntil = null;
  state.live = null;
  navigate('login', { keepAlert: true });
}

async function login(form) {
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  const error = (key, params) => {
    state.loginError = [key, params];
    draw();
  };
  if (!username || !password) return error('login.missing');
  const response = await api('POST', '/api/mentor/login', { username, password });
  if (response.ok) {
    const me = await api('GET', '/api/mentor/me');
    const mentor = mentorFrom(me.ok ? me.data : response.data);
    if (mentor.mustChangePassword) oneTimePassword = password;
    await loggedIn(mentor);
    return;
  }
  form.elements.password.value = '';
  if (response.status === 401) error('login.failed');
  else if (response.status === 429) {
    const minutes = Math.max(1, Math.ceil((response.data?.retryAfterSeconds ?? 60) / 60));
    error('login.rateLimited', { minutes });
  } else error('errors.generic');
  form.elements.password.focus();
}

async function logout() {
  await api('POST', '/api/mentor/logout');
  forgetMentor();
  state.me = null;
  state.afterCrisis = null;
  state.pausedUntil = null;
  state.live = null;
  navigate('login');
}

// ---- the pause and "I need to talk this through" ----

async function refreshPause() {
  const response = await api('GET', '/api/mentor/me/pause');
  if (response.ok) setPausedUntil(response.data?.pausedUntil ?? null);
}

/** the pause ends by itself at its time: the queue comes back and the title counts again */
function setPausedUntil(pausedUntil) {
  state.pausedUntil = pausedUntil;
  clearTimeout(pauseTimer);
  if (pausedUntil) pauseTimer = setTimeout(endedByTime, Math.max(0, new Date(pausedUntil).getTime() - Date.now()));
  draw();
}

function endedByTime() {
  state.pausedUntil = null;
  // those who started waiting during the pause are not news now: the queue shows them
  state.knownWaiting = new Set(state.handovers.filter((h) => h.status === 'waiting').map((h) => h.id));
  draw();
}

async function startPause() {
  const response = await api('POST', '/api/mentor/me/pause', { minutes: PAUSE_MINUTES });
  if (!response.ok) return showAlert(t('errors.generic'));
  setPausedUntil(response.data.pausedUntil);
  announce(t('pause.started'));
}

async function endPause() {
  const response = await api('DELETE', '/api/mentor/me/pause');
  if (!response.ok) return showAlert(t('errors.generic'));
  state.afterCrisis = null;
  endedByTime();
  await refreshAll();
  focus('queue-heading');
}

async function askForSupport() {
  const response = await api('POST', '/api/mentor/me/support-request', { afterCrisis: true });
  if (!response.ok) return showAlert(t('errors.generic'));
  state.afterCrisis = { ...state.afterCrisis, supportSent: true };
  announce(t('afterCrisis.supportSent'));
}

// ---- actions on handovers ----

function navigate(screen, { keepAlert = false } = {}) {
  if (!keepAlert) hideAlert();
  state.screen = screen;
  draw();
  focus('main');
}

async function openHandover(id) {
  state.openId = id;
  state.open = null;
  navigate('handover');
  await refreshOpen();
  draw();
  if (state.open?.crisis) announce(t('handover.crisisBanner'));
}

function leaveHandover(screen = 'queue') {
  state.openId = null;
  state.open = null;
  navigate(screen);
  refreshInBackground();
}

async function accept(id) {
  const response = await api('POST', handoverPath(id, '/accept'));
  if (response.status === 409) showAlert(t('handover.alreadyTaken'));
  else if (!response.ok) showAlert(t('errors.generic'));
  await refreshAll();
  focus('compose-text');
}

async function sendMessage(id) {
  const text = (state.drafts.get(id) ?? '').trim();
  if (!text) return;
  // the box empties at once, so the mentor can go on writing while the message is on its way
  state.drafts.delete(id);
  draw();
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
  focus('compose-text');
}

/** a message that did not go out goes back in front of anything typed since */
function keepUnsent(id, text) {
  const since = (state.drafts.get(id) ?? '').trim();
  state.drafts.set(id, since ? `${text}\n${since}` : text);
}

async function release(id) {
  const response = await api('POST', handoverPath(id, '/release'));
  if (!response.ok) return showAlert(t('errors.generic'));
  state.outcomes.delete(id);
  announce(t('handover.releasedDone'));
  leaveHandover();
}

async function close(id) {
  const outcome = state.outcomes.get(id);
  if (!OUTCOMES.includes(outcome)) {
    showAlert(t('handover.chooseOutcome'));
    focus('outcome');
    return;
  }
  const crisis = state.open?.id === id && state.open.crisis;
  const response = await api('POST', handoverPath(id, '/close'), { outcome });
  if (!response.ok) return showAlert(t('errors.generic'));
  state.drafts.delete(id);
  state.outcomes.delete(id);
  announce(t('handover.closedDone'));
  if (crisis) state.afterCrisis = { supportSent: false };
  leaveHandover();
  if (crisis) focus('after-crisis-heading');
}

async function markCallbackDone(id) {
  const response = await api('POST', `/api/mentor/callbacks/${encodeURIComponent(id)}/done`);
  if (!response.ok) return showAlert(t('errors.generic'));
  announce(t('callbacks.doneDone'));
  if (state.screen === 'handover') leaveHandover('callbacks');
  else await refreshAll();
}

/** the first SMS to someone who asked to be contacted: it starts an ordinary SMS conversation with them */
async function startSmsConversation(id) {
  const text = smsDraft(state, id).trim();
  if (!text) return;
  const response = await api('POST', handoverPath(id, '/sms'), { text });
  if (!response.ok) {
    const error = response.data?.error;
    const key =
      error === 'opted_out' ? 'callbacks.smsOptedOut' : error === 'sms_open' ? 'callbacks.smsOpen' : 'errors.generic';
    return showAlert(t(key));
  }
  state.drafts.delete(smsDraftKey(id));
  announce(t('callbacks.smsStarted'));
  await openHandover(response.data.id);
  focus('compose-text');
}

// ---- the mentor's own settings ----

async function setLanguage(language) {
  await switchLanguage(language);
  state.language = language;
  draw();
}

async function toggleNotifications() {
  if (state.alertSettings.notify) turnNotificationsOff();
  else if (!(await turnNotificationsOn())) showAlert(t('alerts.notAllowed'));
  state.alertSettings = { ...state.alertSettings, notify: notificationsOn() };
  draw();
}

function toggleSound() {
  setSound(!soundOn());
  state.alertSettings = { ...state.alertSettings, sound: soundOn() };
  // the mentor hears what it sounds like at once
  if (soundOn()) playSound('waiting');
  draw();
}

const actions = {
  pauseMinutes: PAUSE_MINUTES,
  isPaused,
  navigate: (screen) => navigate(screen),
  refresh: refreshInBackground,
  login: run(login),
  logout: run(logout),
  setLanguage: run(setLanguage),
  openHandover: run(openHandover),
  leaveHandover,
  accept: run(accept),
  sendMessage: run(sendMessage),
  release: run(release),
  close: run(close),
  markCallbackDone: run(markCallbackDone),
  startSmsConversation: run(startSmsConversation),
  startPause: run(startPause),
  endPause: run(endPause),
  askForSupport: run(askForSupport),
  dismissAfterCrisis: () => {
    state.afterCrisis = null;
    draw();
    focus('queue-heading');
  },
  toggleNotifications: run(toggleNotifications),
  toggleSound,
  /** `quiet`: the box already shows what was typed, so nothing needs drawing */
  setDraft(key, text, { quiet = false } = {}) {
    state.drafts.set(key, text);
    if (!quiet) draw();
  },
  setOutcome(id, outcome) {
    state.outcomes.set(id, outcome);
  },
  /** a warm transfer went through: the conversation is the colleague's now */
  transferred(mentor) {
    state.drafts.delete(state.openId);
    state.outcomes.delete(state.openId);
    leaveHandover();
    showNotice(t('transfer.done', { mentor }));
    focus('notice');
  },
  passwordChanged: run(passwordChanged),
};

async function start() {
  state.language = initialLanguage();
  await switchLanguage(state.language);
  draw();
  try {
    const me = await api('GET', '/api/mentor/me');
    if (me.ok) await loggedIn(mentorFrom(me.data));
    else navigate('login');
  } catch (error) {
    if (error instanceof SessionEnded) navigate('login');
    else {
      navigate('login');
      showAlert(t('errors.generic'));
    }
  }
  // the page knows now whether the mentor is logged in (styles and tests may wait for it)
  document.body.dataset.sessionChecked = 'true';
  // waiting times move on by themselves
  setInterval(() => {
    if (state.me) draw();
  }, 30_000);
}

start();
