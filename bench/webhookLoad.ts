/** Sends signed Twilio webhooks from distinct numbers at a fixed concurrency and times each request. */
import twilio from 'twilio';
import { latencySummary } from './latencySummary.js';

export interface WebhookTarget {
  baseUrl: string;
  /** the PUBLIC_BASE_URL the server checks signatures against */
  publicBaseUrl: string;
  authToken: string;
}

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** One signed webhook; resolves with its status and how long it took. */
export async function sendSignedWebhook(
  target: WebhookTarget,
  message: { sid: string; from: string; body: string },
): Promise<{ status: number; ms: number }> {
  const params = { MessageSid: message.sid, From: message.from, To: '+4791000000', Body: message.body, NumMedia: '0' };
  const signature = twilio.getExpectedTwilioSignature(target.authToken, `${target.publicBaseUrl}/api/sms`, params);
  const started = performance.now();
  try {
    const response = await fetch(`${target.baseUrl}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

export function messageSid(sequence: number): string {
  return `SM${sequence.toString(16).padStart(32, '0')}`;
}

export async function runWebhookLoad(
  options: WebhookTarget & {
    requests: number;
    concurrency: number;
    /** distinct senders: request i comes from number firstNumber + i */
    firstNumber: number;
    body?: string;
  },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  async function worker(): Promise<void> {
    for (let index = next++; index < options.requests; index = next++) {
      const sequence = options.firstNumber + index;
      const { status, ms } = await sendSignedWebhook(options, {
        sid: messageSid(sequence),
        from: `+47${sequence}`,
        body: options.body ?? 'Hei',
      });
      latencies.push(ms);
      if (status !== 200) failures += 1;
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: options.requests,
    failures,
    seconds,
    requestsPerSecond: options.requests / seconds,
    ...latencySummary(latencies),
  };
}
