/**
 * What a real SMS conversation sends, in order: a greeting, a question about a topic, a menu number,
 * a follow-up and a request for a mentor. Each step has several wordings (the topic questions are the
 * held-out ones of test/dialogs/smsTopics.e2e.test.ts, never training examples), picked by the
 * conversation's number, so the server sees varied text, as it would from many people.
 */
const GREETINGS = ['Hei', 'Hallo', 'hei!', 'God dag', 'Hei hei', 'Heisann'];
const TOPIC_QUESTIONS = [
  'Lurer på om jeg burde si til sjefen at jeg har bipolar lidelse',
  'Hvordan tar jeg opp med lederen min at jeg har depresjon?',
  'Kan sjefen kreve å få vite hvilken diagnose jeg har?',
  'Bør jeg nevne sykdommen min i søknaden når jeg søker jobb?',
  'Hva slags hjelp kan NAV gi meg for å komme i arbeid?',
  'Hvordan fungerer lønnstilskudd for en som meg?',
  'Hvordan søker jeg om arbeidstrening gjennom NAV?',
  'Jeg trenger tilrettelegging på jobben, hvordan ordner jeg det?',
  'Hvordan funker individuell jobbstøtte?',
  'Må jeg være helt sykmeldt, eller kan jeg jobbe litt?',
  'Er det bra for psyken å være i jobb?',
  'Har vært ute av arbeidslivet lenge og vil gjerne begynne å jobbe igjen',
];
const MENU_NUMBERS = ['1', '2', '3'];
const FOLLOW_UPS = ['MER', 'Hva med lønnstilskudd?', 'Takk, det hjalp', 'Hvem kan hjelpe meg med det?', 'MENY'];
const MENTOR_REQUESTS = [
  'Kan jeg snakke med en mentor?',
  'Jeg vil gjerne prate med et menneske',
  'Kan noen ringe meg?',
  'Vil snakke med en mentor',
];

export const CONVERSATION_STEPS = [GREETINGS, TOPIC_QUESTIONS, MENU_NUMBERS, FOLLOW_UPS, MENTOR_REQUESTS];

/** the text conversation number `conversation` sends at `step` (0-based) */
export function messageAt(step: number, conversation: number): string {
  const wordings = CONVERSATION_STEPS[step] ?? GREETINGS;
  return wordings[conversation % wordings.length] ?? 'Hei';
}
