/*
 * The chat page: asks the server for a Direct Line token (local, or Azure's when the server has a
 * secret), then renders Bot Framework Web Chat with the helpline's strings and look.
 */
(() => {
  const config = JSON.parse(document.getElementById('chat-config').textContent);
  const statusBox = document.getElementById('chat-status');
  const host = document.getElementById('webchat');

  const ConnectionStatus = { Online: 2, ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };

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

  async function fetchToken() {
    const response = await fetch(config.tokenUrl, { method: 'POST', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`token request failed: ${response.status}`);
    return response.json();
  }

  async function start() {
    showStatus(config.strings.connecting, false);
    let connection;
    try {
      connection = await fetchToken();
    } catch {
      showStatus(config.strings.connectionFailed, true);
      return;
    }
    const directLine = window.WebChat.createDirectLine({
      token: connection.token,
      domain: connection.domain,
      conversationStartProperties: { locale: config.conversationLocale },
    });
    directLine.connectionStatus$.subscribe((status) => {
      if (status === ConnectionStatus.Online) showStatus('', false);
      if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.Ended) {
        showStatus(config.strings.connectionFailed, true);
      }
    });
    window.WebChat.renderWebChat(
      {
        directLine,
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
