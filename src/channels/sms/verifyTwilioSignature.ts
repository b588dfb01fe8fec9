/** X-Twilio-Signature: HMAC of the public URL Twilio called plus the sorted form parameters. */
import twilio from 'twilio';

export function verifyTwilioSignature(input: {
  authToken: string;
  signature: string | undefined;
  publicBaseUrl: string;
  /** path and query exactly as requested */
  requestUrl: string;
  params: Record<string, string>;
}): boolean {
  if (!input.signature) return false;
  return twilio.validateRequest(
    input.authToken,
    input.signature,
    `${input.publicBaseUrl}${input.requestUrl}`,
    input.params,
  );
}
