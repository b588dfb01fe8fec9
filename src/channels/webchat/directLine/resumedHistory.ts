/**
 * What a resumed conversation shows again: the newest messages of its stored transcript, as the
 * activities the page first saw (the person's own, the bot's, the mentor's). Undefined when the
 * store has no such web chat conversation (SLETT, retention).
 */
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Store, TranscriptMessage } from '../../../storage/ports.js';
import { LOCAL_DIRECT_LINE_SERVICE_URL } from './localDirectLineAdapter.js';

/** enough to see where the conversation stood; the whole of it is the mentor's to read */
export const RESUMED_HISTORY_LIMIT = 100;

export type ReplayedActivity = Partial<Activity> & { timestamp: Date };

export async function storedHistory(
  store: Store,
  input: { conversationId: string; userId: string; botAccount: ChannelAccount },
): Promise<ReplayedActivity[] | undefined> {
  const messages = await store.transaction(null, async (uow) => {
    const conversation = await uow.conversations.findByAddress('webchat', input.conversationId);
    return conversation ? uow.transcript.list(conversation.id) : undefined;
  });
  if (!messages) return undefined;
  const shown = messages.slice(-RESUMED_HISTORY_LIMIT);
  return shown.map((message, index) => replayed(message, input, isCrisisAnswer(shown, index)));
}

/**
 * the crisis answer is always the first thing said after the person's message that set it off (the
 * one the store marks), alone: shown again as the crisis card, with its numbers to tap
 */
function isCrisisAnswer(messages: TranscriptMessage[], index: number): boolean {
  const message = messages[index];
  const before = messages[index - 1];
  return message?.direction === 'bot' && before?.direction === 'user' && before.crisis;
}

function replayed(
  message: TranscriptMessage,
  input: { conversationId: string; userId: string; botAccount: ChannelAccount },
  crisis: boolean,
): ReplayedActivity {
  const user: ChannelAccount = { id: input.userId, name: '', role: 'user' };
  const fromUser = message.direction === 'user';
  return {
    type: 'message',
    text: message.text,
    // stored as plain text; never read again as markdown
    textFormat: 'plain',
    timestamp: message.at,
    channelId: 'directline',
    serviceUrl: LOCAL_DIRECT_LINE_SERVICE_URL,
    conversation: { id: input.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: fromUser ? user : message.direction === 'mentor' ? { ...input.botAccount, name: '' } : input.botAccount,
    recipient: fromUser ? input.botAccount : user,
    channelData: {
      replayed: true,
      ...(message.direction === 'mentor' ? { sender: 'mentor' } : {}),
      ...(crisis ? { crisis: true } : {}),
    },
  };
}
