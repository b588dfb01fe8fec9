/**
 * A visitor on the chat page, speaking to the app's local Direct Line the way botframework-directlinejs
 * does: a token from POST /api/directline/token, a conversation under its `domain`, activities posted
 * over HTTP and received on the conversation's WebSocket stream.
 */
import WebSocket from 'ws';

export interface VisitorActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string; name?: string };
  channelData?: Record<string, unknown>;
  suggestedActions?: { actions: Array<{ type: string; title: string; value?: unknown }> };
}

export interface DirectLineVisitor {
  conversationId: string;
  /** every activity the stream has pushed, the visitor's own echoes included */
  activities: VisitorActivity[];
  /** the bot's and the mentor's messages (not the visitor's echoes, not typing indicators) */
  received(): VisitorActivity[];
  say(text: string): Promise<void>;
  /** what ticking "remember the conversation on this device" fetches: a resume token */
  remember(): Promise<string>;
  /** taps the suggested action titled `title` on the latest message that offers it */
  tap(title: string): Promise<void>;
  /** resolves with the first received message that matches, waiting up to `timeoutMs` */
  waitFor(predicate: (activity: VisitorActivity) => boolean, timeoutMs?: number): Promise<VisitorActivity>;
  close(): Promise<void>;
}

/** with `resume`, the remembered conversation is opened again (and must be: no new one) */
export async function openDirectLineVisitor(
  baseUrl: string,
  locale = 'nb-NO',
  options: { resume?: string } = {},
): Promise<DirectLineVisitor> {
  const tokenResponse = await fetch(`${baseUrl}/api/directline/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options.resume ? { resume: options.resume } : {}),
  });
  if (tokenResponse.status !== 200) throw new Error(`token endpoint answered ${tokenResponse.status}`);
  const { token, domain, resumed } = (await tokenResponse.json()) as { token: string; domain: string; resumed?: true };
  if (options.resume && !resumed) throw new Error('the remembered conversation was not opened again');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = await fetch(`${domain}/conversations`, { method: 'POST', headers, body: JSON.stringify({ locale }) });
  const startedStatus = options.resume ? 200 : 201;
  if (started.status !== startedStatus) throw new Error(`starting a conversation answered ${started.status}`);
  const { conversationId, streamUrl } = (await started.json()) as { conversationId: string; streamUrl: string };

  const activities: VisitorActivity[] = [];
  const socket = new WebSocket(streamUrl);
  socket.on('message', (data) => {
    const text = String(data);
    // an empty frame is the stream's keep-alive
    if (text) activities.push(...(JSON.parse(text) as { activities: VisitorActivity[] }).activities);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  const received = () => activities.filter((activity) => activity.type === 'message' && activity.from.role !== 'user');

  async function post(activity: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${domain}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', from: { id: 'visitor' }, locale, ...activity }),
    });
    if (response.status !== 200) throw new Error(`posting an activity answered ${response.status}`);
  }

  return {
    conversationId,
    activities,
    received,
    say: (text) => post({ text }),
    async remember() {
      const response = await fetch(`${baseUrl}/api/directline/resume-token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`resume-token answered ${response.status}`);
      return ((await response.json()) as { resume: string }).resume;
    },
    async tap(title) {
      const action = received()
        .flatMap((activity) => activity.suggestedActions?.actions ?? [])
        .filter((candidate) => candidate.title === title)
        .at(-1);
      if (!action) throw new Error(`no suggested action "${title}" among ${JSON.stringify(received())}`);
      // a messageBack, as Web Chat sends it: the title shown, the value for the bot
      await post({ text: action.title, value: action.value });
    },
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received().find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(received())}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
