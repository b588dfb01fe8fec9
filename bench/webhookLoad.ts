/**
 * Webhook load through autocannon in a child process (webhookLoadChild.ts), so that the load
 * generator's CPU is its own and it does not share an event loop with the bench. `sendSignedWebhook`
 * is the one-off request the soak uses.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';

export interface WebhookTarget {
  baseUrl: string;
  /** the PUBLIC_BASE_URL the server checks signatures against */
  publicBaseUrl: string;
  authToken: string;
}

export interface LoadRequest extends WebhookTarget {
  requests: number;
  concurrency: number;
  /** conversations come from numbers +47<firstNumber>, +47<firstNumber + 1>, … */
  firstNumber: number;
  /** makes MessageSids unique across runs against the same server */
  sidPrefix: string;
}

export interface LoadResult {
  requests: number;
  /** conversations begun (the last ones may be cut short when the requests run out) */
  conversations: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** connection errors (refused, reset) and timeouts */
  errors: number;
  timeouts: number;
  /** answers other than 2xx */
  non2xx: number;
  /** 200 answers without a <Message>: every step of the script should get a reply */
  emptyReplies: number;
  /** the load generator's user + system CPU time */
  loadGeneratorCpuSeconds: number;
}

const CHILD = fileURLToPath(new URL('./webhookLoadChild.ts', import.meta.url));

export function runWebhookLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(request)], {
      execArgv: ['--no-deprecation', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: LoadResult | undefined;
    child.on('message', (message) => {
      result = message as LoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`load generator exited with ${code} and no result`));
    });
  });
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
