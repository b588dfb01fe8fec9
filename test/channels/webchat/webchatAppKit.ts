/**
 * The real application (startTestApp: real engine, dialogs, NLU and SQLite) with the web chat
 * routes. Until createApp registers them itself, this kit does, on the app's own server.
 */
import { registerWebchatRoutes, type WebchatRoutes } from '../../../src/channels/webchat/registerWebchatRoutes.js';
import { createWebchatTransport } from '../../../src/channels/webchat/webchatTransport.js';
import { startTestApp, type TestApp } from '../../support/testApp.js';

export interface WebchatApp {
  app: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startWebchatApp(env: Record<string, string> = {}): Promise<WebchatApp> {
  const app = await startTestApp({ env });
  const wired = (await fetch(`${app.baseUrl}/api/directline/token`, { method: 'POST' })).status !== 404;
  let routes: WebchatRoutes | undefined;
  if (!wired) {
    routes = registerWebchatRoutes(app.server, {
      engine: app.engine,
      translations: app.translations,
      transport: createWebchatTransport({
        botFramework: {
          ...(env.MicrosoftAppId ? { appId: env.MicrosoftAppId } : {}),
          ...(env.MicrosoftAppPassword ? { appPassword: env.MicrosoftAppPassword } : {}),
          ...(env.MicrosoftAppType ? { appType: env.MicrosoftAppType } : {}),
          ...(env.MicrosoftAppTenantId ? { tenantId: env.MicrosoftAppTenantId } : {}),
        },
      }),
      config: { defaultLocale: 'nb' },
      logger: app.logger,
      publicBaseUrl: app.baseUrl,
    });
  }
  return {
    app,
    baseUrl: app.baseUrl,
    close: async () => {
      await routes?.close();
      await app.close();
    },
  };
}
