import { createContext, useContext } from 'react';
import { en } from './strings.en';
import { nb } from './strings.nb';

/** UI text in bokmål (strings.nb.ts), with English available (strings.en.ts). */
export type Strings = typeof nb;
export type Lang = 'nb' | 'en';
export const STRINGS: Record<Lang, Strings> = { nb, en };
export const I18nContext = createContext<Strings>(nb);
export const useT = () => useContext(I18nContext);
