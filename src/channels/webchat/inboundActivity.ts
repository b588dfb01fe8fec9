/** A Bot Framework message activity as the engine's InboundMessage. */
import { type Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { InboundMessage } from '../../domain/inbound.js';
import { localeFromTag } from './webchatLocale.js';

/** what our suggested actions carry in `value` (renderActivities) */
const choiceValueSchema = z.object({ choice: z.string().min(1).max(200) });

export function inboundFromActivity(activity: Activity): InboundMessage {
  const choice = choiceValueSchema.safeParse(activity.value);
  const localeHint = localeFromTag(activity.locale);
  return {
    channel: 'webchat',
    address: activity.conversation.id,
    text: activity.text ?? '',
    ...(choice.success ? { choice: choice.data.choice } : {}),
    hasMedia: (activity.attachments?.length ?? 0) > 0,
    // activity ids are unique within a conversation, not across channels and conversations
    ...(activity.id ? { externalId: `${activity.conversation.id}|${activity.id}` } : {}),
    ...(localeHint ? { localeHint } : {}),
    reference: TurnContext.getConversationReference(activity),
  };
}
