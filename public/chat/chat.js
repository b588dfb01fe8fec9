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

  /** mentor replies come as plain text from "Mentor": say so in the bubble */
  function labelMentorMessages() {
    return () => (next) => (action) => {
      const activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' ? action.payload.activity : undefined;
      if (activity?.channelData?.sender === 'mentor' && activity.text) {
        const name = activity.from?.name || config.strings.mentorName;
        return next({
          ...action,
          payload: { ...action.payload, activity: { ...activity, text: `${name}: ${activity.text}` } },
        });
      }
      return next(action);
    };
  }

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
        store: window.WebChat.createStore({}, labelMentorMessages()),
        locale: config.webChatLocale,
        overrideLocalizedStrings: config.webChatStrings,
        styleOptions,
      },
      host,
    );
  }

  start();
})();
