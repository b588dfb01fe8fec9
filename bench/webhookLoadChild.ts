/**
 * The load generator's own process (forked by webhookLoad.ts, so its CPU is measured apart from the
 * bench and the server): autocannon sends signed Twilio webhooks, each connection playing whole
 * conversations of CONVERSATION_STEPS from new numbers, one message at a time. Sends its result to the
 * parent over IPC.
 */
import autocannon from 'autocannon';
import twilio from 'twilio';
import { CONVERSATION_STEPS, messageAt } from './conversationScript.js';
import type { LoadRequest, LoadResult } from './webhookLoad.js';

const request = JSON.parse(process.argv[2] ?? '{}') as LoadRequest;
const smsUrl = `${request.publicBaseUrl}/api/sms`;
let nextConversation = request.firstNumber;
let nextSid = 0;
let emptyReplies = 0;
/** when the last answer came: autocannon's own duration ends on its once-a-second tick, not there */
let lastResponseAt = 0;

interface ConversationContext {
  from?: string;
  conversation?: number;
}

const steps = CONVERSATION_STEPS.map((_, step) => ({
  method: 'POST' as const,
  path: '/api/sms',
  setupRequest(req: autocannon.Request, context: ConversationContext) {
    // the context starts afresh with each pass through the steps: a new number, a new conversation
    if (step === 0 || context.conversation === undefined) {
      context.conversation = nextConversation++;
      context.from = `+47${context.conversation}`;
    }
    nextSid += 1;
    const params = {
      MessageSid: `SM${request.sidPrefix}${nextSid.toString(16).padStart(24, '0')}`,
      AccountSid: 'ACbench',
      From: context.from ?? '',
      To: '+4791000000',
      Body: messageAt(step, context.conversation),
      NumMedia: '0',
    };
    return {
      ...req,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(request.authToken, smsUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  },
  onResponse(status: number, body: string) {
    lastResponseAt = performance.now();
    if (status === 200 && !body.includes('<Message')) emptyReplies += 1;
  },
}));

const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
const result = await autocannon({
  url: request.baseUrl,
  connections: request.concurrency,
  amount: request.requests,
  requests: steps,
  timeout: 30,
});
const cpu = process.cpuUsage(cpuBefore);
// a run of 8 s read as 9 would understate its rate by a ninth
const seconds = lastResponseAt > startedAt ? (lastResponseAt - startedAt) / 1000 : result.duration;
const loadResult: LoadResult = {
  requests: result.requests.total,
  conversations: nextConversation - request.firstNumber,
  seconds,
  requestsPerSecond: result.requests.total / seconds,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  maxMs: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  emptyReplies,
  loadGeneratorCpuSeconds: (cpu.user + cpu.system) / 1e6,
};
process.send?.(loadResult, () => process.exit(0));
