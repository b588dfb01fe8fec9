/**
 * The real application for the web chat tests (startTestApp: real engine, dialogs, language
 * understanding, SQLite in a temp dir and the production HTTP server with its web chat routes), and
 * what those tests read back from its store.
 */
import type { AppOverrides } from '../../../src/app.js';
import type { ConversationRecord, TranscriptMessage } from '../../../src/storage/ports.js';
import { startTestApp, type TestApp } from '../../support/testApp.js';

export interface WebchatApp {
  app: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startWebchatApp(
  env: Record<string, string> = {},
  overrides: Omit<AppOverrides, 'clock' | 'logger'> = {},
): Promise<WebchatApp> {
  const app = await startTestApp({ env, overrides });
  return { app, baseUrl: app.baseUrl, close: () => app.close() };
}

/**
 * Closes the application's store under it: from now on every turn fails as when the database is
 * gone. The application still closes normally afterwards.
 */
export function loseStore(webchat: WebchatApp): Promise<void> {
  return webchat.app.store.close();
}

/** the stored web chat conversation at this Direct Line / Bot Framework conversation id */
export function storedConversation(app: TestApp, address: string): Promise<ConversationRecord | undefined> {
  return app.store.transaction(null, (uow) => uow.conversations.findByAddress('webchat', address));
}

/** its stored transcript (empty when there is no such conversation) */
export async function storedTranscript(app: TestApp, address: string): Promise<TranscriptMessage[]> {
  const conversation = await storedConversation(app, address);
  if (!conversation) return [];
  return app.store.transaction(null, (uow) => uow.transcript.list(conversation.id));
}

/** what the user wrote in it, in order */
export async function userMessages(app: TestApp, address: string): Promise<string[]> {
  return (await storedTranscript(app, address))
    .filter((message) => message.direction === 'user')
    .map((message) => message.text);
}
