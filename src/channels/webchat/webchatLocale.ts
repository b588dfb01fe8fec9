/** Bot Framework speaks BCP 47 tags ('nb-NO', 'en-US'); the helpline speaks nb, nn and en. */
import type { Locale } from '../../domain/domain.js';

/** 'no', 'nb', 'nb-NO' → nb; 'nn', 'nn-NO' → nn; 'en', 'en-*' → en; anything else: no hint. */
export function localeFromTag(tag: string | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  switch (language) {
    case 'nb':
    case 'no':
      return 'nb';
    case 'nn':
      return 'nn';
    case 'en':
      return 'en';
    default:
      return undefined;
  }
}

const TAGS: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function tagOfLocale(locale: Locale): string {
  return TAGS[locale];
}
