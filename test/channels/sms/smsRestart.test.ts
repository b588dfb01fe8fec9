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

  it('keeps a pending erase confirmation across a restart: the expected replies written out by hand', async () => {
    const dataDir = tempDataDir();
    const from = '+4741114444';
    const send = async (baseUrl: string, body: string) =>
      twimlMessages(
        (
          await postSmsWebhook({
            baseUrl,
            publicBaseUrl: PUBLIC_BASE_URL,
            authToken: TEST_TWILIO.authToken,
            from,
            body,
          })
        ).body,
      );

    const before = await startTestApp({ env, dataDir });
    await send(before.baseUrl, 'Hei');
    expect(await send(before.baseUrl, 'SLETT')).toEqual([
      'Vil du at jeg sletter alt om deg og det du har skrevet her? Det kan ikke angres.\n\n1. Ja, slett alt\n2. Nei, ikke slett',
    ]);
    await before.close();

    // "2" means "no" only in the confirmation the person was left in before the restart
    const after = await startTestApp({ env, dataDir });
    try {
      expect(await send(after.baseUrl, '2')).toEqual([
        'Ok, jeg sletter ingenting.',
        'Hva vil du vite mer om? Velg et tema, eller skriv spørsmålet ditt med egne ord.\n\n' +
          '1. Åpenhet på jobben\n2. Tiltak og støtte\n3. Mentorene og Arbeidslivstelefonen\n4. Jobb og bedring\n' +
          '5. Snakk med en mentor',
      ]);
    } finally {
      await after.close();
    }
  });
});
