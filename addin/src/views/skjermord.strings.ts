import { STRINGS, useT } from '../i18n/strings';

/** The strings of marking words of a title as screened (SkjermOrd), in bokmål with English beside it. */
const nb = {
  tittel: 'Skjerm ord i tittelen',
  hjelp: 'Trykk på ordene som skal vises som ***** for dem uten tilgangskoden og i offentlig journal.',
  linje1: 'Linje 1',
  linje2: 'Linje 2',
  skjermet: 'skjermet',
  lagre: 'Lagre skjermede ord',
  lagret: 'Skjermede ord lagret',
  ingen: 'Ingen ord er skjermet.',
  merket: (ord: string) => `Skjermet: ${ord}`,
  krevSkjerming: 'Sett tilgangskode og hjemmel først: ord kan bare skjermes på en skjermet post.',
  krevSkjermingSak: 'Saken er ikke skjermet. Ord i sakens tittel kan bare skjermes når saken har tilgangskode og hjemmel.',
};
export type SkjermOrdStrings = typeof nb;

const en: SkjermOrdStrings = {
  tittel: 'Screen words in the title',
  hjelp: 'Press the words to show as ***** to those without the access code and in the public journal.',
  linje1: 'Line 1',
  linje2: 'Line 2',
  skjermet: 'screened',
  lagre: 'Save screened words',
  lagret: 'Screened words saved',
  ingen: 'No words are screened.',
  merket: (ord: string) => `Screened: ${ord}`,
  krevSkjerming: 'Set an access code and legal basis first: words can only be screened on a screened record.',
  krevSkjermingSak: 'The case is not screened. Words in its title can only be screened when the case has an access code and legal basis.',
};

export const useSkjermOrdT = (): SkjermOrdStrings => (useT() === STRINGS.en ? en : nb);
