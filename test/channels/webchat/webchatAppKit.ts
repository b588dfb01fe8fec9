/** The real application (startTestApp: real engine, dialogs, NLU, SQLite and the web chat routes). */
import { startTestApp, type TestApp } from '../../support/testApp.js';

export interface WebchatApp {
  app: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startWebchatApp(env: Record<string, string> = {}): Promise<WebchatApp> {
  const app = await startTestApp({ env });
  return { app, baseUrl: app.baseUrl, close: () => app.close() };
}
