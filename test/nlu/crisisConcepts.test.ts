import { beforeAll, describe, expect, it } from 'vitest';
import { type CrisisAssessor, createCrisisAssessor } from '../../src/nlu/assessCrisis.js';
import { createConceptTagger, loadCrisisConcepts } from '../../src/nlu/crisisConcepts.js';
import { crisisTokens } from '../../src/nlu/crisisText.js';
import { detectCrisis } from '../../src/nlu/detectCrisis.js';
import { loadNluData } from '../../src/nlu/nluData.js';

const data = loadNluData();
const concepts = createConceptTagger(loadCrisisConcepts());
let assess: CrisisAssessor;
beforeAll(() => {
  assess = createCrisisAssessor(data, concepts);
});

describe('crisisTokens: leet and SMS digits read as letters', () => {
  it.each([
    ['v1l 1kke l3ve', ['vil', 'ikke', 'leve']],
    ['vil d0', ['vil', 'do']],
    ['t0k 30 piller', ['tok', '30', 'piller']],
    ['bor i 12. etasje, 2etg', ['bor', 'i', '12', 'etasje', '2etg']],
  ])('"%s" → %j', (text, tokens) => {
    expect(crisisTokens(text)).toEqual(tokens);
  });

  it('lets the patterns see through leet', () => {
    expect(detectCrisis('j3g v1l 1kke l3ve l3ng3r')).toBe(true);
  });
});

describe('concept classes (src/nlu/data/crisisConcepts.json)', () => {
  it.each([
    ['hagla', 'means'],
    ['parkeringshuset', 'means'],
    ['kullgrillen', 'means'],
    ['zolpidem', 'means'],
    ['brant', 'harm'],
    ['testamentet', 'arrange'],
    ['farvel', 'farewell'],
    ['æ', 'self'],
    ['sjefen', 'work'],
  ])('"%s" is in the class %s', (word, name) => {
    expect(concepts.classesOf(crisisTokens(word)[0] ?? '')).toContain(name);
  });

  it('keeps short words exact, so an everyday word is not a means one letter away', () => {
    expect(concepts.classesOf('beste')).not.toContain('means'); // belte
    expect(concepts.classesOf('sorry')).not.toContain('means'); // lorry
    expect(concepts.classesOf('lykke')).not.toContain('means'); // løkke
  });

  it('names warning signs, and the work frame and the first person', () => {
    expect([...concepts.signsOf(crisisTokens('har revolveren i skuffen'))]).toContain('means');
    expect([...concepts.signsOf(crisisTokens('hva er lønnstilskudd'))]).toEqual([]);
    expect(concepts.hasHarmlessFrame(crisisTokens('møtet med sjefen'))).toBe(true);
    expect(concepts.hasFirstPerson(crisisTokens('e vil bort'))).toBe(true);
  });
});

describe('the learned signal generalises through the classes', () => {
  // means words no training example, tuning phrasing or pattern uses, in a first-person frame
  it.each([
    'har en revolver i skuffen og tenker på meg selv',
    'har stesolid nok til alle i skapet, tenker på det hver kveld',
    'jeg ser på motorveien fra gangbrua og vil ikke mer',
  ])('"%s" is a crisis at the means level', (text) => {
    expect(data.crisisExamples.crisis.join(' ').toLowerCase()).not.toMatch(/revolver|stesolid|motorvei/u);
    expect(assess(text)).toMatchObject({ crisis: true, risk: 'means', patterns: [] });
  });

  it('reads a crisis among work words as a crisis', () => {
    expect(assess('jobben er grei, men i natt kuttet jeg meg igjen').crisis).toBe(true);
    expect(assess('etter møtet i dag har jeg lyst å dø').crisis).toBe(true);
  });

  it.each([
    'sjefen vil kutte i budsjettet og jeg er redd for jobben',
    'vi skal kutte prosjektet, sjefen har bestemt seg',
  ])('does not flag the same words in a work frame: "%s"', (text) => {
    expect(assess(text)).toMatchObject({ crisis: false, concern: false });
  });

  it('asks, and does not flag, a means pattern on an errand of the writer unless the score is at the hopelessness level', () => {
    expect(assess('jeg har kjøpt tau til flyttelasset på fredag')).toMatchObject({ crisis: false, concern: true });
    expect(assess('jeg har kjøpt tau, skal henge meg når flyttinga er over').crisis).toBe(true);
  });

  it('lets the errand explain a means sign, not an intent said beside it', () => {
    expect(assess('fastlegen økte dosen av medisinen min, må arbeidsgiveren vite det?').crisis).toBe(false);
    expect(assess('legen økte dosen, og i kveld tar jeg alle tablettene på en gang').crisis).toBe(true);
  });

  it('reads a pattern whose subject is a thing of work as an idiom: asked, not flagged', () => {
    const result = assess('budsjettet tar livet av meg denne måneden');
    expect(result).toMatchObject({ crisis: false, concern: true });
    expect(result.patterns.length).toBeGreaterThan(0);
    // the idiom hides nothing the writer says of themself in the same message
    expect(assess('jobben tar livet av meg og jeg vil ikke leve mer').crisis).toBe(true);
  });

  it('reads leaving a job as no plan sign, unless a wish to be gone is beside it', () => {
    expect(assess('skal levere adgangskortet og laptopen på fredag, det er siste arbeidsdag').crisis).toBe(false);
    expect(assess('har rydda skrivebordet og levert utstyret, nå er jeg ferdig med den jobben for godt').crisis).toBe(
      false,
    );
    expect(assess('har levert nøkkelkortet på jobben og skrevet farvelbrev, jeg vil ikke leve lenger').crisis).toBe(
      true,
    );
  });

  it("reads the clinic as a frame that explains an overdose, not the writer's own overdose", () => {
    expect(
      assess('som sykepleier ser jeg mange overdoser hver helg, hvordan får jeg debrief med sjefen?'),
    ).toMatchObject({
      crisis: false,
      concern: true,
    });
    expect(assess('tok en overdose i går etter vakta, jeg vil ikke mer').crisis).toBe(true);
  });

  it('asks, and does not flag, a laughing idiom whose only word of the writer is its own', () => {
    expect(assess('det tar livet av meg å skrive rapporter hver fredag 😂')).toMatchObject({
      crisis: false,
      concern: true,
    });
    expect(assess('jeg tar livet av meg i kveld 😅 jobben er et helvete').crisis).toBe(true);
  });

  it('does not let the work frame doubt a wish to die said outright', () => {
    expect(assess('honestly i want to die, my boss yelled at me again today').crisis).toBe(true);
  });

  it('names others being better off if the writer were not around as a sign', () => {
    expect(assess('my team would be better off if i wasnt here anymore')).toMatchObject({
      crisis: true,
      sign: 'thoughts',
    });
    expect(assess('det hadde vært bedre om jeg ikke var på jobb i dag, så sliten')).toMatchObject({
      crisis: false,
      concern: false,
    });
  });

  it('reads knowing the drop from a high place as a means pattern, also beside work words', () => {
    expect(assess('jeg har sjekket hvor høyt det er fra brua, tenker på det hele tida')).toMatchObject({
      crisis: true,
      risk: 'means',
    });
    expect(assess('hvor høyt er det fra gulvet til taket på lageret, trenger vi stillas?').crisis).toBe(false);
    expect(assess('we need to know how high the window is for the new blinds at work').crisis).toBe(false);
  });

  it('makes no crisis of the score alone in a message about work', () => {
    const result = assess('sjefen sa at hele prosjektet tar livet av meg');
    expect(result.sign).toBeUndefined();
    expect(result.patterns.length).toBeGreaterThan(0); // a pattern still flags it
  });
});
