import type { ProtocolEra } from './protocolVersion.js';

/** What was learnt about a server's era, kept for the life of the process (spec: per process or origin). */
export interface EraChoice {
  era: ProtocolEra;
  version: string;
}

/**
 * Where the era learnt of each server is remembered, keyed by server identity (a command line, an
 * origin and path). Pass one backed by Redis, a file … (`ClientOptions.eraStore`) so a process that
 * starts cold knows what others learnt. A method may return a promise; a store that throws or rejects
 * is logged and bypassed, never failing a connect.
 */
export interface EraStore {
  get(key: string): EraChoice | undefined | Promise<EraChoice | undefined>;
  set(key: string, choice: EraChoice): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

const choices = new Map<string, EraChoice>();

/** The default store: this process's memory, shared by every client. */
export const eraCache = {
  get: (key: string | undefined): EraChoice | undefined => (key === undefined ? undefined : choices.get(key)),
  set: (key: string | undefined, choice: EraChoice): void => {
    if (key !== undefined) choices.set(key, choice);
  },
  delete: (key: string | undefined): void => {
    if (key !== undefined) choices.delete(key);
  },
  clear: (): void => choices.clear(),
} satisfies EraStore & { clear(): void };
