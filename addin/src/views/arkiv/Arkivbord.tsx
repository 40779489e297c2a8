import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Checkbox, Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Api } from '../../api/client';
import { ErrorBar, Loading, useLoad, useStyles } from '../common';
import type { Navigate } from '../nav';
import { arkivApi, type TilJournalfoering } from './api';
import { Arkivformat } from './Arkivformat';
import { Arkivuttrekk } from './Arkivuttrekk';
import { useArkivT } from './strings';
import { ViewHeading } from '../shell';

/**
 * The archive's desk (§5, §12.6–§12.8): what waits for journalføring with the quality check's
 * findings (journalføre one or many), saker ready to close, and removed journalposter.
 */
export function Arkivbord({ api, navigate, refreshKey }: { api: Api; navigate: Navigate; refreshKey: number }) {
  const a = useArkivT();
  const s = useStyles();
  const ark = useMemo(() => arkivApi(api), [api]);
  const [tick, setTick] = useState(0);
  const venter = useLoad(() => ark.tilJournalfoering(), [ark, refreshKey, tick]);
  const klare = useLoad(() => ark.klareSaker(), [ark, refreshKey, tick]);
  const fjernet = useLoad(() => ark.feilregistrerte(), [ark, refreshKey, tick]);
  const meg = useLoad(() => api.meg(), [api]);
  // The export is the archive manager's (ARK); the dokumentsenter has the rest of the desk.
  const arkivansvarlig = meg.data?.roller.some((r) => r.rolle === 'ARK') ?? false;
  const formatFeilet = useLoad(() => ark.arkivformat('FEILET'), [ark, refreshKey, tick]);
  const feiletAntall = formatFeilet.data?.dokumenter.length;
  return (
    <section className={s.stack} aria-labelledby="arkivbord-h">
      <ViewHeading id="arkivbord-h">
        {a.arkivbord}
      </ViewHeading>
      <Accordion multiple collapsible defaultOpenItems={['venter']}>
        <AccordionItem value="venter">
          <AccordionHeader as="h3">
            {a.tilJournalfoering}&nbsp;<Badge appearance="tint">{venter.data?.total ?? '–'}</Badge>
          </AccordionHeader>
          <AccordionPanel>
            {venter.loading && !venter.data ? <Loading /> : null}
            <ErrorBar error={venter.error} />
            {venter.data ? <TilJournalfoeringListe items={venter.data.items} journalfoer={ark.journalfoerMange} navigate={navigate} onChanged={() => setTick((x) => x + 1)} /> : null}
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="klare">
          <AccordionHeader as="h3">
            {a.klareSaker}&nbsp;<Badge appearance="tint">{klare.data?.length ?? '–'}</Badge>
          </AccordionHeader>
          <AccordionPanel>
            <ErrorBar error={klare.error} />
            <ul className={s.list} aria-label={a.klareSaker}>
              {(klare.data ?? []).map((k) => (
                <li key={k.systemId}>
                  <Link onClick={() => navigate({ view: 'sak', sakId: k.systemId })}>
                    {k.saksnummer} {k.tittel}
                  </Link>{' '}
                  <span className={s.muted}>({k.saksansvarlig})</span>
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="arkivformat">
          <AccordionHeader as="h3">
            {a.arkivformatTittel}&nbsp;<Badge appearance="tint" color={feiletAntall ? 'warning' : 'informative'}>{feiletAntall ?? '–'}</Badge>
          </AccordionHeader>
          <AccordionPanel>
            <Arkivformat ark={ark} navigate={navigate} refreshKey={refreshKey} onChanged={() => setTick((x) => x + 1)} />
          </AccordionPanel>
        </AccordionItem>
        {arkivansvarlig ? (
          <AccordionItem value="uttrekk">
            <AccordionHeader as="h3">{a.uttrekk}</AccordionHeader>
            <AccordionPanel>
              <Arkivuttrekk ark={ark} />
            </AccordionPanel>
          </AccordionItem>
        ) : null}
        <AccordionItem value="fjernet">
          <AccordionHeader as="h3">
            {a.feilregistrerte}&nbsp;<Badge appearance="tint">{fjernet.data?.total ?? '–'}</Badge>
          </AccordionHeader>
          <AccordionPanel>
            <ErrorBar error={fjernet.error} />
            <ul className={s.list} aria-label={a.feilregistrerte}>
              {(fjernet.data?.items ?? []).map((f) => (
                <li key={f.systemId}>
                  {f.registreringsId} {f.tittel}{' '}
                  <span className={s.muted}>
                    ({new Date(f.feilregistrertDato).toLocaleDateString('nb-NO')} {f.feilregistrertAv?.navn ?? ''})
                  </span>
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

function TilJournalfoeringListe({ items, journalfoer, navigate, onChanged }: { items: TilJournalfoering[]; journalfoer: (ids: string[]) => Promise<{ resultater: { journalpostId: string; problem?: { detail: string } }[] }>; navigate: Navigate; onChanged: () => void }) {
  const a = useArkivT();
  const s = useStyles();
  const [valgt, setValgt] = useState<Set<string>>(new Set());
  const [melding, setMelding] = useState<{ ok: number; feil: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (id: string, on: boolean) => setValgt((v) => {
    const n = new Set(v);
    if (on) n.add(id);
    else n.delete(id);
    return n;
  });
  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      const { resultater } = await journalfoer([...valgt]);
      const feil = resultater.filter((r) => r.problem);
      setMelding({ ok: resultater.length - feil.length, feil: feil.map((r) => `${items.find((i) => i.systemId === r.journalpostId)?.registreringsId ?? ''}: ${r.problem!.detail}`) });
      setValgt(new Set());
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.stack}>
      <div role="status" aria-live="polite">
        {melding ? (
          <MessageBar intent={melding.feil.length ? 'warning' : 'success'}>
            <MessageBarBody>
              {a.journalfoert(melding.ok)}
              {melding.feil.length ? `. ${a.ikkeJournalfoert(melding.feil.length)}: ${melding.feil.join('; ')}` : ''}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <ErrorBar error={error} />
      <div className={s.row}>
        <Button size="small" onClick={() => setValgt(new Set(items.filter((i) => i.mangler.length === 0).map((i) => i.systemId)))}>
          {a.velgUtenMangler}
        </Button>
        <Button size="small" appearance="primary" disabled={valgt.size === 0 || busy} onClick={() => void run()}>
          {a.journalfoerValgte(valgt.size)}
        </Button>
      </div>
      <ul className={s.list} aria-label={a.tilJournalfoering}>
        {items.map((i) => (
          <li key={i.systemId} data-journalpost={i.systemId}>
            <Checkbox checked={valgt.has(i.systemId)} onChange={(_, d) => toggle(i.systemId, d.checked === true)} label={`${i.registreringsId} ${i.journalposttype} ${i.tittel} (${i.journalstatus})`} />
            <div className={s.row}>
              <Link onClick={() => navigate({ view: 'journalpost', journalpostId: i.systemId })} aria-label={`${a.aapne} ${i.registreringsId}`}>
                {a.aapne}
              </Link>
              <span className={s.muted}>{i.saksbehandler}</span>
              {i.mangler.length === 0 ? (
                <Badge appearance="outline" color="success">
                  {a.ingenMangler}
                </Badge>
              ) : (
                i.mangler.map((m) => (
                  <Badge key={m} appearance="tint" color="warning" data-mangel={m}>
                    {a.mangler[m]}
                  </Badge>
                ))
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
