/** A zod failure as the short reason a 400 answer carries. */
import type { z } from 'zod';

export function zodReason(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}
