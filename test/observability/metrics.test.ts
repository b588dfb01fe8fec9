/**
 * GET /metrics after real traffic: signed SMS (one delivered twice), a handover that waits 90 s
 * before a mentor accepts, a mentor message that Twilio refuses. The counters, histograms and queue
 * gauges move as they should, and no phone number or message text appears anywhere in the scrape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeAllowed } from '../../src/observability/metricsRoute.js';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { newMessageSid, postSmsWebhook } from '../support/twilioWebhook.js';

const PEOPLE = ['+4741234501', '+4741234502'];
const TEXTS = ['hva er IPS', 'jeg lurer på lønnstilskudd'];
const MENTOR_TEXT = 'Hei, jeg heter Kari og er mentor';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl });
});

afterAll(async () => {
  await app?.close();
  await twilioApi?.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${app.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** the value of one sample, `name{labels}` exactly as Prometheus prints it */
function sample(scraped: string, series: string): number {
  const line = scraped.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series}`);
  return Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts turns, duplicates, the queue, waiting time, active mentors and Twilio failures, with no personal data', async () => {
    const before = await scrape();
    expect(sample(before, 'helpline_turns_total{channel="sms",outcome="answered"}')).toBe(0);
    expect(sample(before, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const first = smsUser(app, PEOPLE[0] ?? '');
    for (const text of TEXTS) await first(text);
    const messageSid = newMessageSid();
    for (let delivery = 0; delivery < 2; delivery += 1) {
      const response = await postSmsWebhook({
        baseUrl: app.baseUrl,
        publicBaseUrl: 'https://helpline.test',
        authToken: TEST_TWILIO.authToken,
        from: PEOPLE[0] ?? '',
        body: 'MENY',
        messageSid,
      });
      expect(response.status).toBe(200);
    }
    // "Hei", the mentor choice and the consent answer: three turns, then waiting in the queue
    const { handoverId } = await requestMentorBySms(app, PEOPLE[1] ?? '', { consent: true });

    const queued = await scrape();
    expect(sample(queued, 'helpline_turns_total{channel="sms",outcome="answered"}')).toBe(TEXTS.length + 1 + 3);
    expect(sample(queued, 'helpline_turns_total{channel="sms",outcome="duplicate"}')).toBe(1);
    expect(sample(queued, 'helpline_turns_total{channel="sms",outcome="failed"}')).toBe(0);
    expect(sample(queued, 'helpline_turn_duration_seconds_count{channel="sms"}')).toBe(TEXTS.length + 1 + 3);
    expect(sample(queued, 'helpline_handovers{status="waiting"}')).toBe(1);
    expect(sample(queued, 'helpline_mentors_active')).toBe(0);

    await addMentor(app, 'kari');
    const mentor = await loginMentor(app, 'kari');
    app.clock.advance(90_000);
    expect((await mentor.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    // the person hears that a mentor is here (sent in the background) before Twilio starts refusing
    await app.handovers.idle();
    twilioApi.failNext(10);
    const sent = await mentor.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: MENTOR_TEXT });
    expect(sent.status).toBe(201);
    await app.handovers.idle();

    const accepted = await scrape();
    expect(sample(accepted, 'helpline_handovers{status="waiting"}')).toBe(0);
    expect(sample(accepted, 'helpline_handovers{status="active"}')).toBe(1);
    expect(sample(accepted, 'helpline_mentors_active')).toBe(1);
    expect(sample(accepted, 'helpline_handover_wait_seconds_count')).toBe(1);
    expect(sample(accepted, 'helpline_handover_wait_seconds_sum')).toBe(90);
    expect(sample(accepted, 'helpline_handover_wait_seconds_bucket{le="60"}')).toBe(0);
    expect(sample(accepted, 'helpline_handover_wait_seconds_bucket{le="120"}')).toBe(1);
    // the test app retries twice: three failed attempts, the last one final
    expect(sample(accepted, 'helpline_twilio_send_failures_total{final="false"}')).toBe(2);
    expect(sample(accepted, 'helpline_twilio_send_failures_total{final="true"}')).toBe(1);
    expect(sample(accepted, 'helpline_store_errors_total{kind="transaction"}')).toBe(0);

    for (const secret of [...PEOPLE, ...PEOPLE.map((phone) => phone.slice(3)), ...TEXTS, MENTOR_TEXT, 'kari']) {
      expect(accepted, secret).not.toContain(secret);
    }
    for (const line of accepted.split('\n').filter((candidate) => candidate.includes('{'))) {
      const labels = /\{(.*)\}/.exec(line)?.[1] ?? '';
      for (const [, name, value] of labels.matchAll(/(\w+)="([^"]*)"/g)) {
        // fixed words and numbers only (le, quantile, status, version of Node): nothing a person wrote
        expect(`${name}=${value}`).toMatch(/^\w+=([\w.+-]+|v\d[\w.-]*)$/);
      }
    }
  });

  it('answers only loopback, or another host with METRICS_TOKEN as a bearer token', () => {
    const open = scrapeAllowed(undefined);
    expect(open('127.0.0.1')).toBe(true);
    expect(open('::ffff:127.0.0.1')).toBe(true);
    expect(open('::1')).toBe(true);
    expect(open('10.0.0.7')).toBe(false);
    expect(open('10.0.0.7', 'Bearer anything-at-all-1234')).toBe(false);
    const guarded = scrapeAllowed('a-long-enough-metrics-token');
    expect(guarded('10.0.0.7', 'Bearer a-long-enough-metrics-token')).toBe(true);
    expect(guarded('10.0.0.7', 'bearer a-long-enough-metrics-token')).toBe(true);
    expect(guarded('10.0.0.7', 'Bearer a-long-enough-metrics-tokeN')).toBe(false);
    expect(guarded('10.0.0.7')).toBe(false);
    expect(guarded('127.0.0.1')).toBe(true);
  });
});
