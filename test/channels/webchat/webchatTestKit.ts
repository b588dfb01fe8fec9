/**
 * A restify server with only the web chat routes, a scripted engine (StubWebchatEngine) and the real
 * locale files of web chat. Used for the channel's own protocol tests.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import restify from 'restify';
import type { BotFrameworkCredentials } from '../../../src/channels/webchat/botFrameworkAuthentication.js';
import type { LocalDirectLineOptions } from '../../../src/channels/webchat/directLine/localDirectLine.js';
import type { WebchatEngine } from '../../../src/channels/webchat/helplineBot.js';
import { registerWebchatRoutes } from '../../../src/channels/webchat/registerWebchatRoutes.js';
import { createWebchatTransport, type WebchatTransport } from '../../../src/channels/webchat/webchatTransport.js';
import type { RenderReply } from '../../../src/conversation/conversationEngine.js';
import type { OutboundMessage } from '../../../src/conversation/dialogProtocol.js';
import { LOCALES, type Locale } from '../../../src/conversation/domain.js';
import type { InboundMessage, TurnOutcome } from '../../../src/conversation/inbound.js';
import { createTranslations, DEFAULT_LOCALES_DIR, type Translations } from '../../../src/i18n/i18n.js';
import { createLogger } from '../../../src/logging/createLogger.js';

const STUB_COPY: Record<Locale, Record<string, string>> = {
  nb: {
    welcome: 'Hei! Jeg er en chatbot. Hva lurer du på?',
    greeting: 'Hei igjen! Velg et tema, eller skriv med egne ord.',
    choiceOpenness: 'Åpenhet på jobben',
    choiceMentor: 'Snakk med en mentor',
    openness: 'Det er ditt valg om du vil være åpen.',
    opennessMore: 'Du kan også være åpen med bare noen få.',
    answer: 'Her er et svar om {{topic}}.',
    crisis: 'Det du skriver er viktig. Ring 113 hvis livet er i fare.',
  },
  nn: {
    welcome: 'Hei! Eg er ein chatbot. Kva lurer du på?',
    greeting: 'Hei igjen! Vel eit tema, eller skriv med eigne ord.',
    choiceOpenness: 'Openheit på jobben',
    choiceMentor: 'Snakk med ein mentor',
    openness: 'Det er ditt val om du vil vere open.',
    opennessMore: 'Du kan òg vere open med berre nokre få.',
    answer: 'Her er eit svar om {{topic}}.',
    crisis: 'Det du skriv er viktig. Ring 113 om livet er i fare.',
  },
  en: {
    welcome: "Hi! I'm a chatbot. What would you like to know?",
    greeting: 'Hi again! Pick a topic, or write in your own words.',
    choiceOpenness: 'Openness at work',
    choiceMentor: 'Talk to a mentor',
    openness: "It's your choice whether to be open.",
    opennessMore: 'You can also be open with just a few people.',
    answer: 'Here is an answer about {{topic}}.',
    crisis: 'What you write matters. Call 113 if a life is in danger.',
  },
};

/** the real web chat and system copy, plus the stub engine's own keys under `stub.*` */
export async function createStubTranslations(): Promise<Translations> {
  const dir = mkdtempSync(join(tmpdir(), 'webchat-locales-'));
  for (const locale of LOCALES) {
    mkdirSync(join(dir, locale));
    for (const file of ['webchat.json', 'system.json']) {
      cpSync(join(DEFAULT_LOCALES_DIR, locale, file), join(dir, locale, file));
    }
    writeFileSync(join(dir, locale, 'stub.json'), JSON.stringify(STUB_COPY[locale]));
  }
  return createTranslations('nb', dir);
}

const CHOICES = [
  { id: 'openness', labelKey: 'stub.choiceOpenness' },
  { id: 'mentor', labelKey: 'stub.choiceMentor' },
];

/** A scripted engine with the real engine's contract: dedupe by externalId, renderReply inside the turn. */
export class StubWebchatEngine implements WebchatEngine {
  readonly inbound: InboundMessage[] = [];
  readonly sessions: Array<Parameters<WebchatEngine['startSession']>[0]> = [];
  /** the next turn throws, as when the store does not answer */
  failNextTurn = false;
  private readonly processed = new Map<string, string>();

  async handleMessage(inbound: InboundMessage, renderReply: RenderReply): Promise<TurnOutcome> {
    if (this.failNextTurn) {
      this.failNextTurn = false;
      throw new Error('the store does not answer');
    }
    const earlier = inbound.externalId ? this.processed.get(inbound.externalId) : undefined;
    if (earlier !== undefined) return { kind: 'duplicate', reply: earlier };
    this.inbound.push(inbound);
    const locale = inbound.localeHint ?? 'nb';
    const outbound = this.answer(inbound);
    const reply = renderReply({ locale, outbound });
    if (inbound.externalId) this.processed.set(inbound.externalId, reply);
    return { kind: 'turn', conversationId: `conversation-${inbound.address}`, locale, outbound, reply };
  }

  async startSession(input: Parameters<WebchatEngine['startSession']>[0]) {
    this.sessions.push(input);
    return {
      conversationId: `conversation-${input.address}`,
      locale: input.localeHint ?? ('nb' as const),
      outbound: [{ key: 'stub.welcome', choices: CHOICES }],
    };
  }

  private answer(inbound: InboundMessage): OutboundMessage[] {
    if (inbound.choice === 'openness') return [{ key: 'stub.openness', moreKey: 'stub.opennessMore' }];
    if (/orker ikke mer/iu.test(inbound.text)) {
      return [
        { key: 'stub.answer', params: { topic: 'jobb' } },
        { key: 'stub.crisis', crisis: true },
      ];
    }
    if (/^\s*hei\b/iu.test(inbound.text)) return [{ key: 'stub.greeting', choices: CHOICES }];
    return [{ key: 'stub.answer', params: { topic: 'jobb' } }];
  }
}

export interface WebchatServerOptions {
  engine?: WebchatEngine;
  botFramework?: BotFrameworkCredentials;
  directLineSecret?: string;
  azureDirectLineBaseUrl?: string;
  localDirectLine?: LocalDirectLineOptions;
}

export interface WebchatTestServer {
  baseUrl: string;
  transport: WebchatTransport;
  translations: Translations;
  logLines: string[];
  close(): Promise<void>;
}

export async function startWebchatServer(options: WebchatServerOptions = {}): Promise<WebchatTestServer> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logLines: string[] = [];
  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const translations = await createStubTranslations();
  const transport = createWebchatTransport({
    botFramework: options.botFramework ?? {},
    ...(options.localDirectLine ? { localDirectLine: options.localDirectLine } : {}),
  });
  const routes = registerWebchatRoutes(server, {
    engine: options.engine ?? new StubWebchatEngine(),
    translations,
    transport,
    config: {
      defaultLocale: 'nb',
      ...(options.directLineSecret ? { directLineSecret: options.directLineSecret } : {}),
      ...(options.azureDirectLineBaseUrl ? { azureDirectLineBaseUrl: options.azureDirectLineBaseUrl } : {}),
    },
    logger,
    publicBaseUrl: baseUrl,
  });
  return {
    baseUrl,
    transport,
    translations,
    logLines,
    close: async () => {
      await routes.close();
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
