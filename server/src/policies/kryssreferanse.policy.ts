import type { Actor } from '../auth/actor';
import { journalpostPolicy, type JournalpostForPolicy } from './journalpost.policy';
import { sakPolicy, type SakForPolicy } from './sak.policy';

/** The referring record (Noark: the kryssreferanse belongs to it): a sak or a journalpost. */
export type KildeForPolicy = { readonly type: 'sak'; readonly sak: SakForPolicy } | { readonly type: 'journalpost'; readonly jp: JournalpostForPolicy };

/**
 * Who may add and remove a kryssreferanse is decided on the record it belongs to (the
 * source): the sak's and journalpost's own predicates. The target only has to exist.
 */
export const kryssreferansePolicy = {
  opprett: (actor: Actor, k: KildeForPolicy) => (k.type === 'sak' ? sakPolicy.addKryssreferanse(actor, k.sak) : journalpostPolicy.addKryssreferanse(actor, k.jp)),
  fjern: (actor: Actor, k: KildeForPolicy) => (k.type === 'sak' ? sakPolicy.fjernKryssreferanse(actor, k.sak) : journalpostPolicy.fjernKryssreferanse(actor, k.jp)),
};

export const sakKilde = (s: { saksansvarligId: string; administrativEnhetId: string; saksstatus: SakForPolicy['saksstatus'] }): KildeForPolicy => ({
  type: 'sak',
  sak: { saksansvarligId: s.saksansvarligId, administrativEnhetId: s.administrativEnhetId, saksstatus: s.saksstatus },
});

export const journalpostKilde = (j: {
  saksbehandlerId: string;
  administrativEnhetId: string;
  journalstatus: JournalpostForPolicy['journalstatus'];
  sakSaksansvarligId: string;
  sakEnhetId: string;
}): KildeForPolicy => ({
  type: 'journalpost',
  jp: {
    saksbehandlerId: j.saksbehandlerId,
    administrativEnhetId: j.administrativEnhetId,
    journalstatus: j.journalstatus,
    sak: { saksansvarligId: j.sakSaksansvarligId, administrativEnhetId: j.sakEnhetId },
  },
});
