/** The fields of Twilio's Messaging webhook that the helpline uses (all others are ignored). */
import { z } from 'zod';

/** a Twilio resource sid: two letters, then letters and digits */
export const TWILIO_SID = /^[A-Za-z0-9]{10,64}$/;

export const smsWebhookSchema = z.object({
  MessageSid: z.string().regex(TWILIO_SID, 'MessageSid must be an id'),
  From: z.string().min(3).max(64),
  To: z.string().max(64).optional(),
  Body: z.string().max(20_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

export type SmsWebhook = z.infer<typeof smsWebhookSchema>;

/** the media of an MMS, by sid: Twilio names them in MediaUrl0… (…/Messages/MM…/Media/ME…) */
export function mediaSidsOf(params: Record<string, string>, numMedia: number): string[] {
  const sids: string[] = [];
  for (let index = 0; index < numMedia; index += 1) {
    const sid = /\/Media\/([A-Za-z0-9]+)\/?$/.exec(params[`MediaUrl${index}`] ?? '')?.[1];
    if (sid && TWILIO_SID.test(sid)) sids.push(sid);
  }
  return sids;
}
