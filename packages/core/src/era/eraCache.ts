import type { ProtocolEra } from './protocolVersion.js';

/** What was learnt about a server's era, kept for the life of the process (spec: per process or origin). */
export interface EraChoice {
  era: ProtocolEra;
  version: string;
}

const choices = new Map<string, EraChoice>();

/** Remembered answers of era detection, keyed by server identity (a command line, an origin and path). */
export const eraCache = {
  get: (key: string | undefined): EraChoice | undefined => (key === undefined ? undefined : choices.get(key)),
  set: (key: string | undefined, choice: EraChoice): void => {
    if (key !== undefined) choices.set(key, choice);
  },
  delete: (key: string | undefined): void => {
    if (key !== undefined) choices.delete(key);
  },
  clear: (): void => choices.clear(),
};
