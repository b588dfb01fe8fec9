import { describe, expect, it } from 'vitest';
import { MASKS, maskContactDetails } from '../../src/privacy/maskPersonalData.js';

describe('maskContactDetails', () => {
  it.each([
    ['ring meg på 912 34 567', `ring meg på ${MASKS.phone}`],
    ['ring meg på 91234567 i morgen', `ring meg på ${MASKS.phone} i morgen`],
    ['+47 912 34 567', MASKS.phone],
    ['0047 91234567', MASKS.phone],
    ['+4791234567.', `${MASKS.phone}.`],
    ['call +44 7700 900123', `call ${MASKS.phone}`],
    ['nummeret er 22-33-44-55', `nummeret er ${MASKS.phone}`],
  ])('masks the phone number in "%s"', (text, masked) => {
    expect(maskContactDetails(text)).toBe(masked);
  });

  it.each([
    ['skriv til ola.nordmann@example.no', `skriv til ${MASKS.email}`],
    ['E-post: kari+nav@eksempel.com, takk', `E-post: ${MASKS.email}, takk`],
  ])('masks the e-mail address in "%s"', (text, masked) => {
    expect(maskContactDetails(text)).toBe(masked);
  });

  it.each([
    ['fødselsnummeret mitt er 01019012345', `fødselsnummeret mitt er ${MASKS.nationalId}`],
    ['010190 12345 er mitt', `${MASKS.nationalId} er mitt`],
  ])('masks the 11-digit number in "%s"', (text, masked) => {
    expect(maskContactDetails(text)).toBe(masked);
  });

  it('leaves ordinary text, years, percentages and short numbers alone', () => {
    const text = 'Jeg har vært sykmeldt i 2 år siden 2019 og jobber 50 % nå. Kan NAV hjelpe?';
    expect(maskContactDetails(text)).toBe(text);
  });

  it('masks every detail in a message with several', () => {
    expect(maskContactDetails('Ring 91234567 eller mail meg på a@b.no, fnr 01019012345')).toBe(
      `Ring ${MASKS.phone} eller mail meg på ${MASKS.email}, fnr ${MASKS.nationalId}`,
    );
  });
});
