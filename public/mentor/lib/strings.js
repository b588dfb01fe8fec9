// The pages' words, with i18next in the browser: /mentor/strings.json?lng=… holds locales/<lng>/console.json,
// with locales/<lng>/staff.json under `staff`. The chosen language is remembered on this device.
import i18next from '/mentor/vendor/i18next.mjs';

export const LANGUAGES = ['nb', 'nn', 'en'];
export const LANGUAGE_TAGS = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
const LANGUAGE_STORAGE_KEY = 'mentor-console-language';

export function initialLanguage() {
  const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  if (LANGUAGES.includes(saved)) return saved;
  const browser = (navigator.language || '').toLowerCase();
  if (browser.startsWith('nn')) return 'nn';
  if (browser.startsWith('en')) return 'en';
  return 'nb';
}

/** loads a language's words once, without switching to it (the console's canned replies follow the person's language) */
export async function loadLanguage(language) {
  if (!i18next.isInitialized) {
    // Preact escapes text itself, so i18next must not escape it a second time
    await i18next.init({ lng: language, fallbackLng: false, resources: {}, interpolation: { escapeValue: false } });
  }
  if (!i18next.hasResourceBundle(language, 'translation')) {
    const response = await fetch(`/mentor/strings.json?lng=${encodeURIComponent(language)}`);
    i18next.addResourceBundle(language, 'translation', await response.json());
  }
}

/** loads a language's words once and switches to it */
export async function switchLanguage(language) {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export const t = (key, params) => i18next.t(key, params);

/** a subtree of words (e.g. `canned`) in a language already loaded, or {} */
export function wordsIn(language, key) {
  const tree = i18next.getResource(language, 'translation', key);
  return tree && typeof tree === 'object' ? tree : {};
}

export const currentLanguage = () => i18next.language;
