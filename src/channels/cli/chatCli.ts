/**
 * `npm run chat`: talk to the bot in the terminal, with the same engine and storage as the server
 * (channel `cli`). Choices are numbered; type the number or anything else.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { createApp } from '../../app.js';
import { loadConfigOrExit } from '../../config.js';
import { renderPlainText } from '../../conversation/renderPlainText.js';
import type { OutboundMessage } from '../../domain/dialogProtocol.js';
import type { Locale } from '../../domain/domain.js';
import { createLogger } from '../../logging/createLogger.js';

const config = loadConfigOrExit();
const app = await createApp(config, { logger: createLogger('silent') });
const address = `terminal:${userInfo().username}`;

function show(locale: Locale, outbound: OutboundMessage[]): void {
  for (const message of outbound) console.log(`\n${renderPlainText(app.translations.t, locale, message)}\n`);
}

const welcome = await app.engine.startSession({ channel: 'cli', address });
show(welcome.locale, welcome.outbound);

const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
terminal.setPrompt('> ');
terminal.prompt();
for await (const line of terminal) {
  const outcome = await app.engine.handleMessage({ channel: 'cli', address, text: line }, () => '');
  if (outcome.kind === 'turn') show(outcome.locale, outcome.outbound);
  terminal.prompt();
}
await app.close();
