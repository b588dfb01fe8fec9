// Talking to the mentor and staff API: same-origin cookies, JSON bodies, and one error for an ended session.

export class SessionEnded extends Error {}

/** answers {status, ok, data}; a 401 (other than at login) throws SessionEnded so a page can show the login again */
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && path !== '/api/mentor/login') throw new SessionEnded();
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, ok: response.ok, data };
}
