/** What the local Direct Line accepts from a browser, checked before anything is stored. */
import { z } from 'zod';

const MAX_TEXT = 4000;
const MAX_JSON = 4000;

const smallJson = (value: unknown) => value === undefined || JSON.stringify(value).length <= MAX_JSON;

/** POST /conversations/:id/activities (Web Chat sends more fields; the rest is dropped) */
export const userActivitySchema = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(MAX_TEXT).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(35).optional(),
  name: z.string().max(200).optional(),
  value: z.unknown().refine(smallJson, `value: at most ${MAX_JSON} characters of JSON`).optional(),
  channelData: z
    .record(z.string(), z.unknown())
    .refine(smallJson, `channelData: at most ${MAX_JSON} characters of JSON`)
    .optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not accepted').optional(),
});
export type UserActivity = z.infer<typeof userActivitySchema>;

/** POST /conversations (directlinejs sends the user and the locale to start with) */
export const startConversationSchema = z
  .object({ locale: z.string().max(35).optional(), user: z.object({ id: z.string().max(200).optional() }).optional() })
  .optional();

/** ?watermark= on GET /conversations/:id and …/activities; empty means "from the start" */
export const watermarkQuerySchema = z.object({
  watermark: z
    .string()
    .regex(/^\d{0,15}$/u, 'watermark must be a number')
    .optional()
    .transform((value) => (value ? Number(value) : undefined)),
});

/** the WebSocket stream URL's query */
export const streamQuerySchema = z.object({
  t: z.string().min(1).max(200),
  watermark: watermarkQuerySchema.shape.watermark,
});
