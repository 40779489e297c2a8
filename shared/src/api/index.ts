export * from './common';
export * from './sak';
export * from './journalpost';
export * from './offentlig-journal';
