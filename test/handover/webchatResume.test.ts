/**
 * The mentor round trip survives the visitor leaving and the server restarting, when the visitor
 * asked the page to remember the conversation: a new app instance on the same SQLite file opens it
 * again under the same id, the mentor's next words reach the visitor's new stream, and the visitor's
 * reply reaches the mentor's handover.
 */
import { afterEach, expect, test } from 'vitest';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO, tempDataDir } from '../support/testApp.js';
import { type DirectLineVisitor, openDirectLineVisitor } from './support/directLineVisitor.js';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  openHandoverIdOf,
  startHandoverApp,
} from './support/handoverApp.js';

interface Detail {
  status: string;
  mentor: string | null;
  messages: Array<{ direction: string; text: string; delivery?: string }>;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const resource of open.splice(0).reverse()) await resource.close();
});

async function started<T extends { close(): Promise<void> }>(resource: Promise<T>): Promise<T> {
  const value = await resource;
  open.push(value);
  return value;
}

test('after a restart the remembered conversation is the same one, with its mentor', async () => {
  const twilioApi: FakeTwilioApi = await started(startFakeTwilioApi(TEST_TWILIO));
  const dataDir = tempDataDir();
  const first: HandoverTestApp = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, dataDir });
  const t = (key: string) => first.translations.t('nb', key);
  await addMentor(first, 'kari');
  const kariBefore = await loginMentor(first, 'kari');
  const visitor: DirectLineVisitor = await openDirectLineVisitor(first.baseUrl);
  await visitor.waitFor((activity) => activity.text === t('dialog.welcome'));
  await visitor.tap(t('dialog.choice.mentor'));
  await visitor.waitFor((activity) => activity.text === t('handover.consent.question'));
  await visitor.tap(t('handover.choice.consentYes'));
  await visitor.waitFor((activity) => /nummer 1 i køen/.test(activity.text ?? ''));
  const handoverId = await openHandoverIdOf(first.store, visitor.conversationId, 'webchat');
  if (!handoverId) throw new Error('no handover for the visitor');
  expect((await kariBefore.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
  await visitor.waitFor((activity) => activity.text === t('handover.accepted'));
  const resume = await visitor.remember();
  await visitor.close();
  await first.close();

  const second = await started(startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, dataDir }));
  const kari = await loginMentor(second, 'kari');
  const back = await started(openDirectLineVisitor(second.baseUrl, 'nb-NO', { resume }));
  expect(back.conversationId).toBe(visitor.conversationId);
  // the history is replayed: the mentor's acceptance is there, the welcome once
  await back.waitFor((activity) => activity.text === t('handover.accepted'));
  expect(back.received().filter((activity) => activity.text === t('dialog.welcome'))).toHaveLength(1);

  const written = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
    text: 'Er du der fortsatt?',
  });
  expect(written.status).toBe(201);
  const fromMentor = await back.waitFor((activity) => activity.text === 'Er du der fortsatt?');
  expect(fromMentor.channelData).toMatchObject({ sender: 'mentor', mentorName: 'kari' });

  await back.say('Ja, jeg er her');
  await second.handovers.idle();
  const detail = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
  expect(detail).toMatchObject({ status: 'active', mentor: 'kari' });
  expect(detail.messages.at(-2)).toMatchObject({ direction: 'mentor', text: 'Er du der fortsatt?', delivery: 'sent' });
  expect(detail.messages.at(-1)).toMatchObject({ direction: 'user', text: 'Ja, jeg er her' });
  expect(twilioApi.sent).toEqual([]);
});
