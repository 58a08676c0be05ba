import { createRequire } from 'node:module';
import { OFFICIAL_MODERN_TOOLS, OUTPUT_SCHEMA_TOOL, officialModernServerScript } from '@org/mcp-demo-servers';
import { afterEach, describe, expect, it } from 'vitest';
import { BaseMCPClient, type ClientOptions, MCPProtocolError } from '../src/index.js';
import { ChildProcessTransport } from './support/childProcessTransport.js';

// A spy on the validator module: every compile of a schema makes its Validators here. Core requires the
// module at its first compile (never at import), so the spy takes its place in the require cache first.
const compiled = { validators: 0 };
const requireFromCore = createRequire(new URL('../src/results/schemaValidator.ts', import.meta.url));
const actual = requireFromCore('@cfworker/json-schema') as typeof import('@cfworker/json-schema');
class CountingValidator extends actual.Validator {
  constructor(...args: ConstructorParameters<typeof actual.Validator>) {
    super(...args);
    compiled.validators++;
  }
}
const cached = requireFromCore.cache[requireFromCore.resolve('@cfworker/json-schema')];
if (cached) cached.exports = { ...actual, Validator: CountingValidator };
/** schemaValidator.ts makes two Validators (a fast one, a detailed one) per compile. */
const compilations = () => compiled.validators / 2;

const clients: BaseMCPClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.disconnect();
});

async function official(options: ClientOptions = {}): Promise<BaseMCPClient> {
  const client = new BaseMCPClient({
    name: 'official',
    transportType: 'child',
    createTransport: () => new ChildProcessTransport([officialModernServerScript, 'stdio']),
    ...options,
  });
  clients.push(client);
  await client.connect();
  return client;
}

describe.each(['modern', 'handshake'] as const)(
  'outputSchema against the official 2.x server (%s era)',
  (era) => {
    it('a valid structuredContent passes, an invalid one is MCPProtocolError INVALID_RESULT; one compile per tool schema', async () => {
      const client = await official({ era });
      expect(client.era).toBe(era);
      const tools = await client.getTools();
      expect(tools.map((t) => t.name)).toEqual(OFFICIAL_MODERN_TOOLS);
      expect(tools.find((t) => t.name === OUTPUT_SCHEMA_TOOL)?.outputSchema).toMatchObject({
        type: 'object',
      });
      const before = compilations();
      for (const city of ['Oslo', 'Lima', 'Pune']) {
        await expect(client.callTool(OUTPUT_SCHEMA_TOOL, { city })).resolves.toMatchObject({
          structuredContent: { city, temperature: 21, unit: 'C' },
        });
      }
      const error = await client
        .callTool(OUTPUT_SCHEMA_TOOL, { city: 'Oslo', valid: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPProtocolError);
      expect(error).toMatchObject({ code: 'INVALID_RESULT', serverName: 'official', method: 'tools/call' });
      expect((error as Error).message).toMatch(
        /tool "weather": structuredContent does not match its outputSchema: temperature/,
      );
      // Four calls, one schema: compiled once, reused; tools without an outputSchema compile nothing.
      await client.callTool('echo', { message: 'x' });
      expect(compilations() - before).toBe(1);
    });

    it('validateToolOutput: false lets the same answer through without compiling anything', async () => {
      const client = await official({ era, validateToolOutput: false });
      await client.getTools();
      const before = compilations();
      await expect(
        client.callTool(OUTPUT_SCHEMA_TOOL, { city: 'Oslo', valid: false }),
      ).resolves.toMatchObject({
        structuredContent: { temperature: 'warm' },
      });
      expect(compilations()).toBe(before);
    });
  },
);
