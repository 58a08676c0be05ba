import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentToolSource,
  type AgentToolsOptions,
  anthropicTools,
  geminiTools,
  openaiChatTools,
  openaiResponsesTools,
} from '../src/index.js';
import { portableSchema } from '../src/schema/portableSchema.js';
import { prepareSchema } from '../src/schema/prepareSchema.js';
import { CORPUS, type Servers, startServers } from './servers.js';
import {
  anthropicViolations,
  geminiViolations,
  openaiStrictViolations,
  openaiViolations,
} from './targetRules.js';

type Schema = Record<string, unknown>;

/** Each target: its converter, and where a definition keeps its schema with the rules it must keep. */
const TARGETS: Record<
  string,
  {
    build: (
      source: AgentToolSource,
      options: AgentToolsOptions,
    ) => Promise<{ tools: unknown[]; warnings: unknown[] }>;
    schemaOf: (definition: any) => Schema | undefined;
    violations: (schema: Schema) => string[];
  }
> = {
  'openai-chat': {
    build: (s, o) => openaiChatTools(s, o),
    schemaOf: (d) => d.function.parameters,
    violations: openaiViolations,
  },
  'openai-chat-strict': {
    build: (s, o) => openaiChatTools(s, { ...o, strict: true }),
    schemaOf: (d) => d.function.parameters,
    violations: openaiStrictViolations,
  },
  'openai-responses-strict': {
    build: (s, o) => openaiResponsesTools(s, { ...o, strict: true }),
    schemaOf: (d) => d.parameters,
    violations: openaiStrictViolations,
  },
  anthropic: {
    build: (s, o) => anthropicTools(s, o),
    schemaOf: (d) => d.input_schema,
    violations: anthropicViolations,
  },
  gemini: { build: (s, o) => geminiTools(s, o), schemaOf: (d) => d.parameters, violations: geminiViolations },
};

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.close());

// The schemas come from the real servers at test time (nothing captured): a new server version that changes
// its tools shows as a diff of test/golden/, and every definition is checked against its target's rules.
describe.each([...CORPUS, 'awkward'])('the tools of %s', (server) => {
  const only = { filter: (name: string) => name.startsWith(`${server}__`) };

  it.each(Object.keys(TARGETS))('as %s keep the target rules and match the golden file', async (target) => {
    const { build, schemaOf, violations } = TARGETS[target] as (typeof TARGETS)[string];
    const set = await build(servers.manager, only);
    expect(set.tools.length + set.warnings.length).toBeGreaterThan(0);
    for (const definition of set.tools) {
      const schema = schemaOf(definition);
      if (schema) expect(violations(schema), JSON.stringify(definition)).toEqual([]);
    }
    await expect(`${JSON.stringify(set, null, 2)}\n`).toMatchFileSnapshot(`golden/${server}.${target}.json`);
  });

  it('as the frameworks take them (AI SDK, LangChain) match the golden file', async () => {
    const tools = (await servers.manager.listTools()).filter((tool) => only.filter(tool.qualifiedName));
    const schemas: Record<string, unknown> = {};
    for (const tool of tools) {
      try {
        schemas[tool.qualifiedName] = portableSchema(prepareSchema(tool.inputSchema as Schema | undefined));
      } catch (error) {
        schemas[tool.qualifiedName] = `left out: ${(error as Error).message}`;
      }
    }
    await expect(`${JSON.stringify(schemas, null, 2)}\n`).toMatchFileSnapshot(
      `golden/${server}.frameworks.json`,
    );
  });
});
