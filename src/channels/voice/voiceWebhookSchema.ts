/** The fields of Twilio's Voice webhooks that the helpline uses (all others are ignored). */
import { z } from 'zod';

export const voiceWebhookSchema = z.object({
  CallSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'CallSid must be an id'),
  /** the caller: E.164, or a word such as `anonymous` when the number is hidden; may be empty */
  From: z.string().max(64).default(''),
  /** the key the caller pressed in a <Gather> */
  Digits: z.string().max(16).optional(),
  /** after a <Dial>: completed, answered, busy, no-answer, failed or canceled */
  DialCallStatus: z.string().max(32).optional(),
});

export type VoiceWebhook = z.infer<typeof voiceWebhookSchema>;
