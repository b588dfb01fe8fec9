// Preact with htm, from /mentor/vendor/ (no build step, no CDN). A view is a function that returns
// html`…`; text from people is always put in as a child, which Preact sets as text, never as HTML.
export {
  html,
  render,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from '/mentor/vendor/htm-preact.mjs';
