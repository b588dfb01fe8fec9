/*
 * The chat page: asks the server for a Direct Line token (local, or Azure's when the server has a
 * secret), then renders Bot Framework Web Chat with the helpline's strings and look.
 */
(() => {
  const config = JSON.parse(document.getElementById('chat-config').textContent);
  const statusBox = document.getElementById('chat-status');
  const host = document.getElementById('webchat');

  const ConnectionStatus = { Online: 2, ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };

  /**
   * Leave quickly (the button, or Esc twice): for someone whose screen is seen by others. The chat
   * is closed, everything this page keeps in the browser is cleared (the conversation's token with
   * the chat itself, the remembered conversation), and the neutral page replaces this one in the
   * history, so the back button does not bring the chat back.
   */
  const ESC_TWICE_WITHIN_MS = 1500;
  let openDirectLine = null;
  let lastEscapeAt = -Infinity;

  function leaveQuickly() {
    try {
      openDirectLine?.end();
    } catch {
      // the connection may already be gone; leaving must not wait for it
    }
    openDirectLine = null;
    host.replaceChildren();
    for (const storage of [window.localStorage, window.sessionStorage]) {
      try {
        storage.clear();
      } catch {
        // storage refused (private mode): there is nothing in it
      }
    }
    document.title = '';
    window.location.replace(config.quickExitUrl);
  }

  document.getElementById('quick-exit').addEventListener('click', (event) => {
    event.preventDefault();
    leaveQuickly();
  });
  // capture: the send box and Web Chat's own keys must not swallow it
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      if (event.timeStamp - lastEscapeAt <= ESC_TWICE_WITHIN_MS) {
        event.preventDefault();
        leaveQuickly();
        return;
      }
      lastEscapeAt = event.timeStamp;
    },
    true,
  );

  const styleOptions = {
    accent: '#1d5c63',
    // new answers are read from their start: auto-scrolling stops once the first new message (the
    // crisis card, a long answer) reaches the top of the view, instead of running on to the end
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: -8,
    backgroundColor: '#ffffff',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    bubbleBackground: '#eef4f3',
    bubbleBorderColor: '#d3e1df',
    bubbleBorderRadius: 14,
    bubbleBorderWidth: 1,
    bubbleTextColor: '#1f2a2e',
    bubbleFromUserBackground: '#1d5c63',
    bubbleFromUserBorderColor: '#1d5c63',
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 560,
    bubbleMinHeight: 0,
    hideUploadButton: true,
    markdownRenderHTML: false,
    sendBoxButtonColor: '#1d5c63',
    sendBoxButtonColorOnHover: '#123d42',
    sendBoxHeight: 52,
    sendBoxTextWrap: true,
    sendBoxBorderTop: 'solid 1px #d9d4c7',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#1d5c63',
    suggestedActionBorderRadius: 22,
    suggestedActionBorderWidth: 2,
    suggestedActionHeight: 44,
    suggestedActionTextColor: '#1d5c63',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    timestampColor: '#5b6b6f',
    transcriptVisualKeyboardIndicatorColor: '#b3541e',
    transcriptVisualKeyboardIndicatorWidth: 3,
  };

  function showStatus(text, withRetry) {
    statusBox.textContent = text;
    if (withRetry) {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = config.strings.retry;
      retry.addEventListener('click', () => window.location.reload());
      statusBox.append(retry);
      retry.focus();
    }
  }

  /**
   * Web Chat's bundle keeps its React to itself, so the few elements this page adds are written as
   * React elements directly (the shape React.createElement makes, production build).
   */
  const REACT_ELEMENT = Symbol.for('react.element');
  function element(type, props, ...children) {
    const { key = null, ref = null, ...rest } = props;
    const content = children.length === 0 ? undefined : children.length === 1 ? children[0] : children;
    return { $$typeof: REACT_ELEMENT, type, key, ref, props: { ...rest, children: content }, _owner: null };
  }

  function crisisCard(renderActivity) {
    const call = (href, label, key) => element('li', { key }, element('a', { href: `tel:${href}` }, label));
    return element(
      'section',
      { className: 'crisis-card', 'aria-label': config.strings.crisisTitle },
      renderActivity(),
      element(
        'ul',
        { className: 'crisis-card__calls', key: 'calls' },
        call(config.strings.emergencyNumber, config.strings.emergencyCall, 'emergency'),
        call(config.strings.helplineNumber, config.strings.helplineCall, 'helpline'),
      ),
    );
  }

  function initialsOf(name) {
    const letters = name
      .split(/[\s._-]+/u)
      .filter(Boolean)
      .map((part) => part[0].toUpperCase());
    return letters.slice(0, 2).join('') || 'M';
  }

  /** a mentor is a person: their name, their initials, their own colour */
  function mentorMessage(activity, renderActivity) {
    const name = activity.channelData.mentorName || activity.from?.name || config.strings.mentorName;
    return element(
      'div',
      { className: 'mentor-message' },
      element(
        'p',
        { className: 'mentor-message__sender', key: 'sender' },
        element(
          'span',
          { className: 'mentor-message__initials', 'aria-hidden': 'true', key: 'initials' },
          initialsOf(name),
        ),
        element('span', { className: 'mentor-message__name', key: 'name' }, name),
        name === config.strings.mentorName
          ? null
          : element('span', { className: 'mentor-message__role', key: 'role' }, config.strings.mentorName),
      ),
      element('div', { className: 'mentor-message__bubble', key: 'bubble' }, renderActivity()),
    );
  }

  const activityMiddleware =
    () =>
    (next) =>
    (setup, ...moreSetup) => {
      const render = next(setup, ...moreSetup);
      const { activity } = setup;
      if (!render || activity.from?.role === 'user') return render;
      if (activity.channelData?.crisis) return (...args) => crisisCard(() => render(...args));
      if (activity.channelData?.sender === 'mentor') return (...args) => mentorMessage(activity, () => render(...args));
      return render;
    };

  /**
   * Remembering the conversation on this device is the person's choice, never the default (a
   * shared computer must not keep it): the resume token then sits in localStorage until they
   * forget it, or until the conversation is gone.
   */
  const RESUME_KEY = 'arbeidslivstelefonen.resume';
  const memory = {
    box: document.getElementById('chat-memory'),
    remember: document.getElementById('chat-remember'),
    forget: document.getElementById('chat-forget'),
    hint: document.getElementById('chat-remember-hint'),
  };

  function storedResume() {
    try {
      return window.localStorage.getItem(RESUME_KEY);
    } catch {
      return null;
    }
  }

  function storeResume(token) {
    try {
      if (token) window.localStorage.setItem(RESUME_KEY, token);
      else window.localStorage.removeItem(RESUME_KEY);
    } catch {
      // storage refused (private mode): the page simply does not remember
    }
    memory.remember.checked = Boolean(token);
    memory.forget.hidden = !token;
    // once chosen, the choice and a way back are enough; the explanation is for choosing
    memory.hint.hidden = Boolean(token);
  }

  async function postToken(body) {
    return fetch(config.tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function fetchToken() {
    const response = await postToken({});
    if (!response.ok) throw new Error(`token request failed: ${response.status}`);
    return response.json();
  }

  /** the remembered conversation, or a new one (and a kind line) when it cannot be opened again */
  async function connect() {
    const resume = config.resumeTokenUrl ? storedResume() : null;
    if (!resume) return { connection: await fetchToken(), notice: '' };
    const response = await postToken({ resume });
    if (response.status === 400 || response.status === 403) {
      storeResume(null);
      return { connection: await fetchToken(), notice: config.strings.previousGone };
    }
    if (!response.ok) throw new Error(`token request failed: ${response.status}`);
    const connection = await response.json();
    if (connection.resumed) return { connection, notice: config.strings.resumed };
    storeResume(null);
    return { connection, notice: config.strings.previousGone };
  }

  /** a fresh resume token for the open conversation (each visit starts its time again) */
  async function remember(directLine) {
    const response = await fetch(config.resumeTokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', authorization: `Bearer ${directLine.token}` },
    });
    if (!response.ok) throw new Error(`resume token request failed: ${response.status}`);
    const { resume } = await response.json();
    storeResume(resume);
  }

  function offerMemory(directLine) {
    if (!config.resumeTokenUrl) return;
    memory.box.hidden = false;
    const forget = () => {
      storeResume(null);
      showStatus(config.strings.forgotten, false);
    };
    memory.remember.addEventListener('change', () => {
      if (!memory.remember.checked) return forget();
      remember(directLine).catch(() => {
        storeResume(null);
        showStatus(config.strings.connectionFailed, false);
      });
    });
    memory.forget.addEventListener('click', () => {
      forget();
      memory.remember.focus();
    });
  }

  /**
   * "Don't share the conversation": the button writes the words a person could type themselves, so
   * the bot answers it the same way (and says when nothing was shared).
   */
  function offerWithdrawal(webChatStore) {
    const box = document.getElementById('chat-privacy');
    box.hidden = false;
    document.getElementById('chat-withdraw').addEventListener('click', () => {
      webChatStore.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: config.strings.withdrawMessage } });
    });
  }

  async function start() {
    showStatus(config.strings.connecting, false);
    let connected;
    try {
      connected = await connect();
    } catch {
      showStatus(config.strings.connectionFailed, true);
      return;
    }
    const { connection, notice } = connected;
    const directLine = window.WebChat.createDirectLine({
      token: connection.token,
      domain: connection.domain,
      conversationStartProperties: { locale: config.conversationLocale },
    });
    openDirectLine = directLine;
    const webChatStore = window.WebChat.createStore();
    offerWithdrawal(webChatStore);
    let online = false;
    directLine.connectionStatus$.subscribe((status) => {
      if (status === ConnectionStatus.Online) {
        showStatus(online ? '' : notice, false);
        if (!online && storedResume()) remember(directLine).catch(() => storeResume(null));
        online = true;
      }
      if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.Ended) {
        showStatus(config.strings.connectionFailed, true);
      }
    });
    storeResume(config.resumeTokenUrl ? storedResume() : null);
    offerMemory(directLine);
    window.WebChat.renderWebChat(
      {
        directLine,
        store: webChatStore,
        activityMiddleware,
        locale: config.webChatLocale,
        overrideLocalizedStrings: config.webChatStrings,
        styleOptions,
      },
      host,
    );
  }

  start();
})();
