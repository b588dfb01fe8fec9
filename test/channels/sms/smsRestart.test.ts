import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_TWILIO, tempDataDir } from '../../support/testApp.js';
import { postSmsWebhook, twimlMessages } from '../../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
const env = { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken };

describe('restart safety', () => {
  it('continues a conversation halfway through a menu after the server stops and starts again', async () => {
    const dataDir = tempDataDir();
    const from = '+4741112222';
    const reference = '+4741113333';

    // the same path in one server lifetime, as the expected answer
    const single = await startTestApp({ env, dataDir });
    const send = (baseUrl: string, who: string, body: string) =>
      postSmsWebhook({ baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: TEST_TWILIO.authToken, from: who, body });
    await send(single.baseUrl, reference, 'Hei');
    await send(single.baseUrl, reference, '1');
    const expected = twimlMessages((await send(single.baseUrl, reference, '1')).body);

    await send(single.baseUrl, from, 'Hei');
    await send(single.baseUrl, from, '1');
    await single.close();

    const second = await startTestApp({ env, dataDir });
    const afterRestart = twimlMessages((await send(second.baseUrl, from, '1')).body);
    await second.close();

    expect(expected.length).toBeGreaterThan(0);
    expect(afterRestart).toEqual(expected);
  });
});
