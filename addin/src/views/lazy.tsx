import { type ComponentType, lazy, Suspense } from 'react';
import { Loading } from './common';

/*
 * The views the pane does not need for its first screen (sign-in → Arbeidsbord), each in its
 * own chunk, fetched the first time it is shown; until then a labelled spinner stands in its
 * place (the shell, its header and tabs stay). React, Fluent UI and the API client stay in the
 * first chunk. `npm run bench` prints the JavaScript each view needs (docs/benchmarks.md).
 */
function laterView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> & { load: () => Promise<unknown> } {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  const View = (props: P) => (
    <Suspense fallback={<Loading />}>
      <Lazy {...props} />
    </Suspense>
  );
  return Object.assign(View, { load });
}

export const Compose = laterView(() => import('./Compose').then((m) => m.Compose));
export const Importer = laterView(() => import('./Importer').then((m) => m.Importer));
export const SakView = laterView(() => import('./SakView').then((m) => m.SakView));
export const JournalpostView = laterView(() => import('./JournalpostView').then((m) => m.JournalpostView));
export const Finn = laterView(() => import('./Finn').then((m) => m.Finn));
export const Leder = laterView(() => import('./Leder').then((m) => m.Leder));
export const Arkivbord = laterView(() => import('./arkiv/Arkivbord').then((m) => m.Arkivbord));
export const Registrer = laterView(() => import('./arkiv/Registrer').then((m) => m.Registrer));

// Opened from the ribbon's "Arkiver e-post" (manifest.xml: ?view=importer, mode=compose for a
// message being written) the first view is another: its chunk is fetched while the pane signs in.
const start = new URLSearchParams(location.search);
if (start.get('mode') === 'compose') void Compose.load();
else if (start.get('view') === 'importer') void Importer.load();
