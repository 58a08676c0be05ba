import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

function secretsOf(value: unknown, env: Record<string, string>): string[] {
  const found = Object.values(env).filter((v) => v.startsWith('S3CRET-'));
  const walk = (v: unknown): void => {
    if (typeof v === 'string') found.push(...(v.match(/S3CRET-[\s\S]*?-\d+/g) ?? []));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

function expectConfigOrSafeError(run: () => MCPServersConfig, secrets: string[]): void {
  let result: MCPServersConfig;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    const visible = `${(error as MCPConfigError).message}${JSON.stringify((error as MCPConfigError).issues)}`;
    for (const s of secrets) expect(visible).not.toContain(s);
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
          secretsOf(json, env),
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
          expectConfigOrSafeError(
            () => parseMcpConfig(json, { env, file, readEnvFile: (p) => readFileSync(p, 'utf8') }),
            secretsOf(json, env),
          );
        },
      ),
      { ...params, numRuns: 1500 },
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
          try {
            await loadMcpConfig(file, { env });
          } catch (error) {
            expect(error).toBeInstanceOf(MCPConfigError);
            for (const s of Object.values(env).filter(Boolean))
              expect((error as Error).message).not.toContain(s);
          }
        },
      ),
      { ...params, numRuns: 400 },
    );
  });
});
