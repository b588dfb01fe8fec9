/**
 * The TwiML answers of the phone line, built with twilio's own VoiceResponse. Every word comes from
 * locales/<lng>/voice.json; nb and nn are read by the Norwegian voice, en by the English one.
 */
import twilio from 'twilio';
import type { Locale } from '../../domain/domain.js';
import type { Translate } from '../../i18n/i18n.js';
import type { FollowUpDecision } from '../../storage/ports.js';

type SayAttributes = Parameters<InstanceType<typeof twilio.twiml.VoiceResponse>['say']>[0];

export interface VoiceSettings {
  voiceName: string;
  voiceNameEn: string;
  dialTimeoutSeconds: number;
}

/** the key that switches a call to English */
export const ENGLISH_DIGIT = '9';

function sayIn(settings: VoiceSettings, locale: Locale): SayAttributes {
  return locale === 'en'
    ? { language: 'en-GB', voice: settings.voiceNameEn as SayAttributes['voice'] }
    : { language: 'nb-NO', voice: settings.voiceName as SayAttributes['voice'] };
}

/** In opening hours: ring the mentors' phone; `action` hears how it went (the Dial fallback). */
export function forwardTwiml(input: {
  t: Translate;
  locale: Locale;
  settings: VoiceSettings;
  forwardNumber: string;
  action: string;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(sayIn(input.settings, input.locale), input.t(input.locale, 'voice.connecting'));
  response.dial(
    { timeout: input.settings.dialTimeoutSeconds, action: input.action, method: 'POST' },
    input.forwardNumber,
  );
  return response.toString();
}

/**
 * Who you reached and "For English, press 9"; the message follows at `action`, with the key pressed
 * or, when none was, by the redirect.
 */
export function greetingTwiml(input: {
  t: Translate;
  locale: Locale;
  settings: VoiceSettings;
  action: string;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ numDigits: 1, timeout: 3, action: input.action, method: 'POST' });
  gather.say(sayIn(input.settings, input.locale), input.t(input.locale, 'voice.greeting'));
  gather.say(sayIn(input.settings, 'en'), input.t('en', 'voice.englishPrompt'));
  response.redirect({ method: 'POST' }, input.action);
  return response.toString();
}

/** When the mentors are back (or that nobody could answer), the crisis numbers, the SMS, goodbye. */
export function messageTwiml(input: {
  t: Translate;
  locale: Locale;
  settings: VoiceSettings;
  /** closed: out of hours, said with when they are back; unanswered: in hours, nobody picked up */
  reason: { kind: 'closed'; backAt: string } | { kind: 'unanswered' };
  followUp: FollowUpDecision;
}): string {
  const { t, locale } = input;
  const sentences = [
    input.reason.kind === 'closed'
      ? t(locale, 'voice.closed', { backAt: input.reason.backAt })
      : t(locale, 'voice.unanswered'),
    t(locale, 'voice.crisis'),
  ];
  if (input.followUp === 'sent') sentences.push(t(locale, 'voice.smsSent'));
  if (input.followUp === 'alreadyToday') sentences.push(t(locale, 'voice.smsEarlier'));
  sentences.push(t(locale, 'voice.goodbye'));
  const response = new twilio.twiml.VoiceResponse();
  response.say(sayIn(input.settings, locale), sentences.join(' '));
  response.hangup();
  return response.toString();
}

/** After a mentor took the call and it ended. */
export function hangUpTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}
