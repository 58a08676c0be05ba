import { printable } from '../controlCharacters.js';
import { type ConvertedEntry, type RegistryChoice, registryServerEntry } from './registryServerEntry.js';
import { RegistryServerSchema } from './registryServerSchema.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A server.json rather than a config entry: it has `packages` or `remotes`, and no `command` or URL of its own. */
export function isRegistryEntry(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    (value.packages !== undefined || value.remotes !== undefined) &&
    value.command === undefined &&
    value.url === undefined &&
    value.serverUrl === undefined
  );
}

/** One server of a config, by name, with the dot path its problems are reported at ('' for the root). */
export interface NamedEntry {
  name: string;
  path: string;
  entry: unknown;
}

/** `field` under `path`, as a dot path; the root itself is `(root)`. */
export const under = (path: string, field: string) => [path, field].filter(Boolean).join('.') || '(root)';

/**
 * The servers of a config that is itself registry data: one server.json, a list of them, or the registry API's
 * `{ "servers": [{ "server": … }] }` (a list of objects, never empty); each named after the last segment of its `name` (`io.github.acme/weather`
 * → `weather`). Undefined for any other config. A missing or repeated name is reported at its path.
 */
export function registryRootEntries(
  json: unknown,
  report: (path: string, message: string) => void,
): NamedEntry[] | undefined {
  const listed =
    Array.isArray(json) && json.length > 0 && json.every(isRecord)
      ? json.map((entry, i) => ({ entry, path: `[${i}]` }))
      : isRecord(json) && Array.isArray(json.servers)
        ? json.servers.map((entry, i) => ({ entry, path: `servers.${i}` }))
        : isRegistryEntry(json) && json.mcpServers === undefined && json.servers === undefined
          ? [{ entry: json, path: '(root)' }]
          : undefined;
  if (listed === undefined) return undefined;
  const named: NamedEntry[] = [];
  for (const { entry: item, path: itemPath } of listed) {
    // The registry API wraps each server.json as { server, _meta }.
    const wrapped = isRecord(item) && isRecord(item.server);
    const entry = wrapped ? item.server : item;
    const path = wrapped ? `${itemPath}.server` : itemPath;
    const fullName = isRecord(entry) && typeof entry.name === 'string' ? entry.name : '';
    const name = fullName.split('/').at(-1) ?? '';
    const prefix = path === '(root)' ? '' : `${path}.`;
    if (name.trim() === '')
      report(
        `${prefix}name`,
        'a server.json needs a "name" (e.g. "io.github.acme/weather") to name the server',
      );
    else if (named.some((other) => other.name === name))
      report(
        `${prefix}name`,
        `names the same server as another entry ("${printable(name)}"); keep one of them`,
      );
    else named.push({ name, path: path === '(root)' ? '' : path, entry });
  }
  return named;
}

/**
 * A server.json (validated against the registry's schema, problems at their dot paths under `path`) as a config
 * entry: the chosen package or remote, plus the config keys written beside it (`enabled`, `timeout`, tool
 * filters...), whose `env` and `headers` win over the server.json's.
 */
export function registryConfigEntry(
  entry: Record<string, unknown>,
  path: string,
  preference: readonly RegistryChoice[],
  report: (path: string, message: string) => void,
): ConvertedEntry | undefined {
  const parsed = RegistryServerSchema.safeParse(entry);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      report(under(path, issue.path.map((segment) => printable(String(segment))).join('.')), issue.message);
    return undefined;
  }
  const converted = registryServerEntry(parsed.data, preference, (field, message) =>
    report(under(path, field), message),
  );
  if (converted === undefined) return undefined;
  const { packages: _packages, remotes: _remotes, ...written } = entry;
  const merged = (key: 'env' | 'headers') =>
    isRecord(converted[key]) || isRecord(written[key])
      ? { [key]: { ...(converted[key] as object | undefined), ...(written[key] as object | undefined) } }
      : {};
  return { ...written, ...converted, ...merged('env'), ...merged('headers') };
}
