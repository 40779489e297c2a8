export * from './kodelister';
export * from './journalstatus';
export * from './errors';
export * from './nummer';
export * from './historikk';
export * from './api';
export * from './restanse';
export * from './foedselsnummer';
