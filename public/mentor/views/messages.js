// What the console tells the mentor outside the screen itself: one alert when something went wrong,
// one calm notice when something the mentor did is done, and a polite announcement for screen
// readers when something new happens.
import { html } from '../lib/html.js';

export function Alert({ text }) {
  return html`<div id="alert" class="alert" role="alert" hidden=${!text}>${text ?? ''}</div>`;
}

export function Announcer({ text }) {
  return html`<div id="announcer" class="visually-hidden" aria-live="polite">${text}</div>`;
}

export function Notice({ text }) {
  return html`<p id="notice" class="notice" role="status" tabindex="-1" hidden=${!text}>${text ?? ''}</p>`;
}
