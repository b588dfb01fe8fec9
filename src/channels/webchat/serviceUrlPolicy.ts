/**
 * Where the bot may send replies: the activity's `serviceUrl` is a URL chosen by whoever posted it,
 * and the reply is an HTTP POST to it. Without Bot Framework credentials (Emulator mode) nobody
 * vouches for it, so only loopback is accepted (the Emulator runs on the developer's machine);
 * with credentials, only https on the hosts BOT_SERVICE_URL_HOSTS names (and their subdomains); plain
 * http only to a loopback host listed there by name (a local test connector), never by default.
 */
import { isIP } from 'node:net';

export const DEFAULT_BOT_SERVICE_URL_HOSTS = ['botframework.com', 'trafficmanager.net', 'botframework.azure.us'];

export type ServiceUrlPolicy = (serviceUrl: string) => boolean;

export function createServiceUrlPolicy(options: { emulatorMode: boolean; allowedHosts: string[] }): ServiceUrlPolicy {
  const suffixes = options.allowedHosts.map((host) => host.trim().toLowerCase().replace(/^\.+/u, '')).filter(Boolean);
  return (serviceUrl) => {
    const url = parseUrl(serviceUrl);
    if (!url || url.username || url.password) return false;
    if (options.emulatorMode)
      return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname);
    const host = url.hostname.toLowerCase();
    const listed = suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
    return listed && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(host)));
  };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/u, '$1').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
