/**
 * Sentences for the opt-out tests (test/nlu/optOut.test.ts and, over SMS through the real app,
 * test/channels/sms/smsOptOut.test.ts). Stopping must be the person's clear wish: the keywords, or a
 * sentence that plainly asks for no more messages; a word in passing is never an opt-out.
 */

/** "melding", "stopp", "slutt", "avslutte" in passing: never an opt-out */
export const NOT_OPT_OUT = [
  'kan jeg sende melding til en mentor',
  'melding 1',
  'jeg fikk en melding fra NAV om et møte',
  'sjefen sendte meg en melding i går kveld',
  'kan mentoren sende meg en melding i morgen?',
  'hvor lang tid tar det før jeg får melding fra en mentor?',
  'jeg sendte en melding til dere i går, fikk dere den?',
  'meldingen din var fin, takk',
  'kan eg sende melding til ein mentor',
  'can I send a message to a mentor',
  'I got a message from my boss about the meeting',
  'jeg vil slutte i jobben',
  'bør jeg slutte å jobbe deltid?',
  'eg vil slutte i jobben min',
  'er det slutt på lønnstilskuddet etter et år?',
  'sjefen sa at jeg må slutte å sende så mange meldinger til kollegaene',
  'should I stop working part time?',
  'stopp litt, hva mener du med lønnstilskudd?',
  'stopper NAV pengene hvis jeg begynner å jobbe?',
  'stopp, jeg mente arbeidstrening',
  'hvordan avslutter jeg arbeidstreningen på en god måte',
  'jeg vil avslutte sykmeldingen og begynne å jobbe igjen',
  'når avsluttes samtalen med mentoren?',
  'kan du ikke sende meg en lenke til søknaden?',
];

/** the keywords and sentences that plainly ask for no more messages, in bokmål, nynorsk and English */
export const OPT_OUT = [
  'STOPP',
  'stop',
  'AVSLUTT',
  'stopp.',
  'Stopp!',
  'ikke send meg flere meldinger',
  'jeg vil ikke ha flere meldinger',
  'slutt å sende meg meldinger',
  'meld meg av',
  'Ikkje send meg fleire meldingar',
  'eg vil ikkje ha fleire meldingar',
  "I don't want any more texts",
  'Stop texting me',
  'please do not message me again',
];
