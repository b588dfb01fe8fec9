/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

/** `statusCallback`: where Twilio reports each reply's sid and delivery (so erasure can reach it) */
export function twimlReply(messages: string[], statusCallback?: string): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of messages) response.message(statusCallback ? { statusCallback } : {}, message);
  return response.toString();
}
