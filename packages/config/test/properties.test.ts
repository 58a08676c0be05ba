import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPConfigError, type MCPServersConfig } from '@org/mcp-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMcpConfig, parseJsonText, parseMcpConfig } from '../src/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const FIXTURES = [
  'seed/mcp_servers.json',
  'claude-desktop/claude_desktop_config.json',
  'claude-code/.mcp.json',
  'cursor/.cursor/mcp.json',
  'windsurf/mcp_config.json',
  'cline/cline_mcp_settings.json',
  'vscode/.vscode/mcp.json',
].map((path) => ({ path: join(fixtures, path), text: readFileSync(join(fixtures, path), 'utf8') }));

/** A fixed seed keeps runs reproducible; FC_SEED picks another. fast-check prints it on failure. */
const SEED = process.env.FC_SEED === undefined ? 20240611 : Number(process.env.FC_SEED);
const params = { seed: SEED, verbose: fc.VerbosityLevel.Verbose } as const;

const dir = mkdtempSync(join(tmpdir(), 'mcp-config-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Secrets are long and marked, so finding one in a message can only mean a leak. */
const secret = fc.string({ minLength: 4, maxLength: 12 }).map((s) => `S3CRET-${s}-${s.length}`);
const VARIABLES = ['TOKEN', 'API_KEY', 'HOME', 'EMPTY', 'UNSET_ONE'];

/** Every variable set to a secret, except UNSET_ONE; EMPTY is set to ''. */
const envArb = fc
  .tuple(secret, secret, secret)
  .map(([a, b, c]) => ({ TOKEN: a, API_KEY: b, HOME: c, EMPTY: '' }));

/** The environment of the recorded counterexample, as fast-check shrank it. */
const EXAMPLE_ENV = { TOKEN: 'S3CRET-    -4', API_KEY: 'S3CRET-    -4', HOME: 'S3CRET-    -4', EMPTY: '' };

const stringish = fc.oneof(
  secret,
  fc.constantFrom(...VARIABLES).map((v) => `Bearer \${${v}}`),
  fc.constantFrom(...VARIABLES).map((v) => `\${env:${v}:-dflt}`),
  fc.tuple(secret, fc.constantFrom('${', '$${', '${input:x}', '${1}', '}')).map(([s, t]) => `${s}${t}`),
  fc.constantFrom('https://example.com/mcp', 'http://127.0.0.1:9/sse', 'npx', '', 'not a url', 'ftp://x'),
  fc.string(),
);
const scalar = fc.oneof(stringish, fc.integer(), fc.boolean(), fc.constant(null));
const record = fc.dictionary(
  fc.constantFrom('Authorization', 'X-Key', 'Bad Header', 'PATH', '__proto__'),
  scalar,
);
const transport = fc.constantFrom(
  'stdio',
  'sse',
  'http',
  'streamable-http',
  'streamableHttp',
  'streamable_http',
  'ws',
  'HTTP',
);

const entry = fc.record(
  {
    command: stringish,
    args: fc.oneof(fc.array(scalar, { maxLength: 4 }), stringish),
    env: fc.oneof(record, stringish),
    envFile: fc.constantFrom('missing.env', '${UNSET_ONE}/x.env', ''),
    cwd: stringish,
    inheritEnv: fc.oneof(fc.boolean(), stringish),
    url: stringish,
    serverUrl: stringish,
    headers: record,
    transport,
    type: transport,
    enabled: fc.oneof(fc.boolean(), fc.constant('yes')),
    disabled: fc.boolean(),
    timeout: fc.oneof(fc.integer(), fc.double()),
    connectTimeout: fc.integer({ min: -1, max: 3_000_000_000 }),
    stopGracePeriod: fc.integer({ min: -5, max: 10_000 }),
    autoApprove: fc.array(fc.string()),
  },
  { requiredKeys: [] },
);
const serverName = fc.constantFrom('api', 'fs', 'github.com/x/y', 'a.b', '', ' ', '__proto__', 'constructor');
const config = fc.oneof(
  fc.record({ mcpServers: fc.dictionary(serverName, entry) }),
  fc.record({ servers: fc.dictionary(serverName, fc.oneof(entry, fc.anything())) }, { requiredKeys: [] }),
  fc.anything(),
);

/**
 * The secrets contract: secrets are environment values, `env` and `headers` values and envFile
 * contents. Paths and commands are named as the user wrote them, before expansion, so a marked
 * string may appear inside one of those and nowhere else.
 */
interface Contract {
  secrets: string[];
  asWritten: string[];
}

const marked = (value: unknown): string[] => {
  if (typeof value === 'string') return value.match(/S3CRET-[\s\S]*?-\d+/g) ?? [];
  return value && typeof value === 'object' ? Object.values(value).flatMap(marked) : [];
};

function contractOf(
  json: unknown,
  env: Record<string, string>,
  file?: string,
  envFiles: string[] = [],
): Contract {
  const secrets = [...Object.values(env).filter(Boolean), ...envFiles.flatMap(marked)];
  const asWritten: string[] = [];
  const base = file === undefined ? process.cwd() : dirname(file);
  const record = (v: unknown): Record<string, unknown> =>
    (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  for (const servers of [record(json).mcpServers, record(json).servers]) {
    for (const entry of Object.values(record(servers)).map(record)) {
      secrets.push(...marked(entry.env), ...marked(entry.headers));
      for (const named of [entry.command, entry.cwd, entry.envFile]) {
        if (typeof named === 'string' && named !== '') asWritten.push(named, resolve(base, named));
      }
    }
  }
  return { secrets, asWritten };
}

/** Everything an error shows: its message, its issues and its causes. */
function visibleOf(error: unknown): string {
  let text = JSON.stringify((error as MCPConfigError).issues);
  for (let e: unknown = error; e !== undefined; e = (e as Error).cause) text += `\n${String(e)}`;
  return text;
}

/** The secrets the error shows outside a path or command named as written. */
function leaksOf(error: unknown, { secrets, asWritten }: Contract): string[] {
  const visible = visibleOf(error);
  const at = (text: string): number[] => {
    const found: number[] = [];
    for (let i = visible.indexOf(text); i >= 0; i = visible.indexOf(text, i + 1)) found.push(i);
    return found;
  };
  const named = asWritten.flatMap((name) => at(name).map((start) => [start, start + name.length] as const));
  return secrets.filter((secret) =>
    at(secret).some((i) => !named.some(([start, end]) => start <= i && i + secret.length <= end)),
  );
}

function expectConfigOrSafeError(run: () => MCPServersConfig, contract: Contract): void {
  let result: MCPServersConfig;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(leaksOf(error, contract)).toEqual([]);
    return;
  }
  for (const [name, server] of Object.entries(result.mcpServers)) {
    expect(name.trim()).not.toBe('');
    expect(['stdio', 'sse', 'http']).toContain(server.transport);
    expect(typeof server.enabled).toBe('boolean');
  }
}

/** Replaces or deletes one random node of a JSON value. */
function mutate(value: unknown, choice: number, replacement: unknown): unknown {
  const paths: (string | number)[][] = [];
  const collect = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) collect(child, [...path, k]);
  };
  collect(value, []);
  const path = paths[choice % paths.length] ?? [];
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

describe('properties: a config or an MCPConfigError, never another exception, never a secret', () => {
  it('random configs', () => {
    fc.assert(
      fc.property(config, envArb, (json, env) => {
        expectConfigOrSafeError(
          () => parseMcpConfig(json, { env, readEnvFile: () => '' }),
          contractOf(json, env),
        );
      }),
      { ...params, numRuns: 1500 },
    );
  });

  it('real configs with one node replaced or removed', () => {
    const parsed = FIXTURES.map((f) => parseJsonText(f.text));
    fc.assert(
      fc.property(
        fc.nat(parsed.length - 1),
        fc.nat(),
        fc.oneof(fc.constant(undefined), scalar, fc.anything(), entry),
        envArb,
        (index, choice, replacement, env) => {
          const json = mutate(parsed[index], choice, replacement);
          const file = FIXTURES[index]!.path;
          const envFiles: string[] = [];
          const readEnvFile = (path: string) => {
            const text = readFileSync(path, 'utf8');
            envFiles.push(text);
            return text;
          };
          expectConfigOrSafeError(
            () => parseMcpConfig(json, { env, file, readEnvFile }),
            contractOf(json, env, file, envFiles),
          );
        },
      ),
      {
        ...params,
        numRuns: 1500,
        // FC_SEED=19721 under the old detector: the vscode fixture's envFile replaced by a marked
        // string that equals an env value; the error names that path as written, by design.
        // The second is the same envFile expanding a secret, which no error may show.
        examples: [
          [6, 98435084, 'S3CRET-    -4', EXAMPLE_ENV],
          [6, 98435084, 'Bearer ${TOKEN}', EXAMPLE_ENV],
        ],
      },
    );
  });

  it('real config files with their text mutated, through loadMcpConfig', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(FIXTURES.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 3 }),
        envArb,
        async (index, edits, env) => {
          let text = FIXTURES[index]!.text;
          for (const [at, remove, insert] of edits) {
            const pos = at % (text.length + 1);
            text = text.slice(0, pos) + insert + text.slice(pos + remove);
          }
          const file = join(dir, 'mutated.json');
          writeFileSync(file, text);
          let json: unknown;
          try {
            json = parseJsonText(text);
          } catch {
            // Not JSON: only the environment's values are secrets.
          }
          try {
            await loadMcpConfig(file, { env });
          } catch (error) {
            expect(error).toBeInstanceOf(MCPConfigError);
            expect(leaksOf(error, contractOf(json, env, file))).toEqual([]);
          }
        },
      ),
      { ...params, numRuns: 400 },
    );
  });
});
