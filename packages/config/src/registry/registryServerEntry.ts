import type { RegistryPackage, RegistryRemote, RegistryServer } from './registryServerSchema.js';
import {
  argumentWords,
  envVariableName,
  keyValues,
  literal,
  variableName,
  withPlaceholders,
} from './registryValues.js';

/** What a server.json may offer that this package can run: a package by its registry, a remote by its transport. */
export type RegistryChoice = 'npm' | 'pypi' | 'oci' | 'streamable-http' | 'sse';

/**
 * The order in which a server.json's offers are tried, unless the `registryPreference` option says otherwise.
 * Packages first, since they run locally with the user's own credentials, and npm first among them, since
 * Node is already there to run this package (uvx needs uv, oci a Docker daemon); then remotes, Streamable
 * HTTP before the deprecated SSE.
 */
export const DEFAULT_REGISTRY_PREFERENCE: readonly RegistryChoice[] = [
  'npm',
  'pypi',
  'oci',
  'streamable-http',
  'sse',
];

/** A config entry as written (`command`/`args`/`env`, or `type`/`url`/`headers`), for the usual parse. */
export type ConvertedEntry = Record<string, unknown>;

type Offer = { choice: string; field: string; runs: boolean } & (
  | { package: RegistryPackage }
  | { remote: RegistryRemote }
);

/**
 * One server.json as a config entry: the first of its packages (over stdio) and remotes that `preference`
 * names, in the preference's order. Reports (field relative to the entry) and returns undefined when nothing fits.
 */
export function registryServerEntry(
  server: RegistryServer,
  preference: readonly RegistryChoice[],
  report: (field: string, message: string) => void,
): ConvertedEntry | undefined {
  const offers: Offer[] = [
    ...(server.packages ?? []).map((pkg, i) => ({
      choice: pkg.registryType,
      field: `packages.${i}`,
      runs: (pkg.transport?.type ?? 'stdio') === 'stdio',
      package: pkg,
    })),
    ...(server.remotes ?? []).map((remote, i) => ({
      choice: remote.type,
      field: `remotes.${i}`,
      runs: true,
      remote,
    })),
  ];
  for (const choice of preference) {
    const offer = offers.find((candidate) => candidate.runs && candidate.choice === choice);
    if (offer === undefined) continue;
    if ('remote' in offer) return remoteEntry(offer.remote);
    return packageEntry(offer.package, (field, message) => report(`${offer.field}.${field}`, message));
  }
  const offered = offers.map((offer) =>
    offer.runs
      ? offer.choice
      : `${offer.choice} over ${'package' in offer ? offer.package.transport?.type : ''}`,
  );
  report(
    offers.length === 0 ? '' : 'packages',
    offers.length === 0
      ? 'a server.json entry needs "packages" or "remotes"'
      : `offers nothing the preference (${preference.join(', ')}) runs: it offers ${offered.join(', ')}; npm, pypi and oci packages run over stdio, remotes over streamable-http or sse`,
  );
  return undefined;
}

function remoteEntry(remote: RegistryRemote): ConvertedEntry {
  const headers = keyValues(remote.headers, variableName);
  return {
    type: remote.type === 'sse' ? 'sse' : 'http',
    url: withPlaceholders(remote.url, remote.variables),
    ...(Object.keys(headers).length > 0 && { headers }),
  };
}

function packageEntry(
  pkg: RegistryPackage,
  report: (field: string, message: string) => void,
): ConvertedEntry | undefined {
  const env = keyValues(pkg.environmentVariables, envVariableName);
  const runtime = argumentWords(pkg.runtimeArguments);
  const packageArgs = argumentWords(pkg.packageArguments);
  const id = literal(pkg.identifier);
  const withEnv = (entry: ConvertedEntry) => (Object.keys(env).length > 0 ? { ...entry, env } : entry);
  if (pkg.registryType === 'oci') {
    // Docker passes a variable to the container only when named with -e; its value comes from docker's own env.
    const envFlags = Object.keys(env).flatMap((name) => ['-e', name]);
    return withEnv({
      command: 'docker',
      args: ['run', '-i', '--rm', ...runtime, ...envFlags, imageOf(pkg), ...packageArgs],
    });
  }
  if (pkg.version === undefined) {
    report('version', `required for packages from ${pkg.registryType}: the registry pins the version to run`);
    return undefined;
  }
  const version = literal(pkg.version);
  return pkg.registryType === 'npm'
    ? withEnv({ command: 'npx', args: ['-y', ...runtime, `${id}@${version}`, ...packageArgs] })
    : withEnv({ command: 'uvx', args: [...runtime, `${id}==${version}`, ...packageArgs] });
}

/** The image to run: the identifier, which carries its tag since schema 2025-10-11; before, `version` was the tag. */
function imageOf(pkg: RegistryPackage): string {
  const lastSegment = pkg.identifier.split('/').at(-1) ?? '';
  const tagged = lastSegment.includes(':') || pkg.identifier.includes('@');
  return literal(tagged || pkg.version === undefined ? pkg.identifier : `${pkg.identifier}:${pkg.version}`);
}
