/**
 * The mentor session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot
 * send it), Path=/, Max-Age, and Secure with the `__Host-` prefix when the server is reached over
 * https, so that the cookie cannot be set or widened by a subdomain.
 */

export interface SessionCookieOptions {
  /** true when PUBLIC_BASE_URL is https */
  secure: boolean;
}

export function sessionCookieName({ secure }: SessionCookieOptions): string {
  return secure ? '__Host-mentor_session' : 'mentor_session';
}

export function serializeSessionCookie(token: string, maxAgeSeconds: number, options: SessionCookieOptions): string {
  const attributes = [
    `${sessionCookieName(options)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** tells the browser to forget the cookie */
export function clearSessionCookie(options: SessionCookieOptions): string {
  return serializeSessionCookie('', 0, options);
}

/** name → value of a `Cookie` request header; the first of repeated names wins, as browsers send the most specific first */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1) continue;
    const name = pair.slice(0, separator).trim();
    const value = pair
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}
