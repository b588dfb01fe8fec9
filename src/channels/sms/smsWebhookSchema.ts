/** The fields of Twilio's Messaging webhook that the helpline uses (all others are ignored). */
import { z } from 'zod';

export const smsWebhookSchema = z.object({
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'MessageSid must be an id'),
  From: z.string().min(3).max(64),
  To: z.string().max(64).optional(),
  Body: z.string().max(20_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

export type SmsWebhook = z.infer<typeof smsWebhookSchema>;
