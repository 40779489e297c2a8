import { leggTilDager } from '@arkiv/shared';
import { dagen } from '../tid';

/**
 * Dates as the archive sees them: calendar days in its time zone (Europe/Oslo), not UTC. A test
 * that takes "today" from `toISOString()` is a day behind between midnight in Oslo and midnight
 * in UTC, and fails there.
 */
export const idag = (): string => dagen(new Date());

/** Today plus (or minus) whole days, in the archive's calendar. */
export const omDager = (dager: number): string => leggTilDager(idag(), dager);
