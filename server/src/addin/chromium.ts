import { existsSync } from 'node:fs';

/** The Chromium that drives the task pane (browser tests, the pane's benchmark): Debian's by default. */
export const CHROMIUM = process.env.ARKIV_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumInstalled = () => existsSync(CHROMIUM);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
