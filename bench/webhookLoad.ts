/** Sends signed Twilio webhooks from distinct numbers at a fixed concurrency and times each request. */
import twilio from 'twilio';

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runWebhookLoad(options: {
  baseUrl: string;
  publicBaseUrl: string;
  authToken: string;
  requests: number;
  concurrency: number;
  /** distinct senders: request i comes from number firstNumber + i */
  firstNumber: number;
  body?: string;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const url = `${options.publicBaseUrl}/api/sms`;
  async function worker(): Promise<void> {
    for (let index = next++; index < options.requests; index = next++) {
      const params = {
        MessageSid: `SM${(options.firstNumber + index).toString(16).padStart(32, '0')}`,
        From: `+47${options.firstNumber + index}`,
        To: '+4791000000',
        Body: options.body ?? 'Hei',
        NumMedia: '0',
      };
      const started = performance.now();
      const response = await fetch(`${options.baseUrl}/api/sms`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(options.authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      await response.text();
      latencies.push(performance.now() - started);
      if (response.status !== 200) failures += 1;
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    requests: options.requests,
    failures,
    seconds,
    requestsPerSecond: options.requests / seconds,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
  };
}
