export * from './common';
export * from './sak';
export * from './journalpost';
export * from './saksbehandling';
export * from './offentlig-journal';
export * from './ekspedering';
export * from './kryssreferanse';
