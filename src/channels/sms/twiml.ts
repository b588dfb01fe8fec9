/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

export function twimlReply(messages: string[]): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of messages) response.message(message);
  return response.toString();
}
