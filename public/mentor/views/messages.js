// What the console tells the mentor outside the screen itself: one alert when something went wrong,
// and a polite announcement for screen readers when something new happens.
import { html } from '../lib/html.js';

export function Alert({ text }) {
  return html`<div id="alert" class="alert" role="alert" hidden=${!text}>${text ?? ''}</div>`;
}

export function Announcer({ text }) {
  return html`<div id="announcer" class="visually-hidden" aria-live="polite">${text}</div>`;
}
