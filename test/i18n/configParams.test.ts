/** Copy names facts of the running configuration (RETENTION_DAYS) instead of vague words. */
import { describe, expect, test } from 'vitest';
import { createTranslations } from '../../src/i18n/i18n.js';
import { startTestApp } from '../support/testApp.js';

describe('{{retentionDays}} in the copy', () => {
  test('is the configured retention, in every language, 30 days by default', async () => {
    const configured = await createTranslations('nb', undefined, { retentionDays: 14 });
    expect(configured.t('nb', 'topics.helpline.privacy.answer')).toContain('på 14 dager');
    expect(configured.t('nn', 'topics.helpline.privacy.answer')).toContain('på 14 dagar');
    expect(configured.t('en', 'topics.helpline.privacy.answer')).toContain('for 14 days');
    const byDefault = await createTranslations('nb');
    expect(byDefault.t('nb', 'topics.helpline.privacy.answer')).toContain('på 30 dager');
  });

  test('the app says what RETENTION_DAYS says', async () => {
    const app = await startTestApp({ env: { RETENTION_DAYS: '7' } });
    try {
      expect(app.translations.t('nb', 'topics.helpline.privacy.answer')).toContain('på 7 dager');
    } finally {
      await app.close();
    }
  });
});
