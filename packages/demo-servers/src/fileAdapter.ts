import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Adapter, AdapterPayload } from 'oidc-provider';

type Stored = Record<string, Record<string, { payload: AdapterPayload; expiresAt: number | undefined }>>;

/**
 * oidc-provider's storage in one JSON file (mode 0600, replaced atomically), so that the demo's
 * authorization server remembers its clients, grants and tokens across runs and a second run can
 * show a stored token reused. For one process at a time; not for production.
 */
export function fileAdapter(path: string): (name: string) => Adapter {
  const read = (): Stored => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Stored) : {});
  const write = (stored: Stored) => {
    writeFileSync(`${path}.tmp`, JSON.stringify(stored), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  const live = (entry: Stored[string][string] | undefined) =>
    entry && (entry.expiresAt === undefined || entry.expiresAt > Date.now()) ? entry.payload : undefined;
  return (name) => {
    const find = (match: (payload: AdapterPayload) => boolean) =>
      Object.values(read()[name] ?? {})
        .map(live)
        .find((payload) => payload !== undefined && match(payload));
    const change = (edit: (models: Stored[string], stored: Stored) => void) => {
      const stored = read();
      stored[name] ??= {};
      edit(stored[name], stored);
      write(stored);
    };
    return {
      async upsert(id, payload, expiresIn) {
        change((models) => {
          models[id] = { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined };
        });
      },
      async find(id) {
        return live(read()[name]?.[id]);
      },
      async findByUserCode(userCode) {
        return find((payload) => payload.userCode === userCode);
      },
      async findByUid(uid) {
        return find((payload) => payload.uid === uid);
      },
      async consume(id) {
        change((models) => {
          const entry = models[id];
          if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
        });
      },
      async destroy(id) {
        change((models) => {
          delete models[id];
        });
      },
      async revokeByGrantId(grantId) {
        change((_models, stored) => {
          for (const models of Object.values(stored))
            for (const [id, entry] of Object.entries(models))
              if (entry.payload.grantId === grantId) delete models[id];
        });
      },
    };
  };
}
