import { describe, expect, it } from 'vitest';
import { mcpConfigJsonSchema } from './mcpConfigJsonSchema.js';
import { TRANSPORT_ALIASES } from './transportAliases.js';

type Schema = { properties: Record<string, { additionalProperties: Record<string, any> }> } & Record<
  string,
  unknown
>;

describe('mcpConfigJsonSchema', () => {
  const schema = mcpConfigJsonSchema as Schema;
  const server = schema.properties.mcpServers!.additionalProperties;

  it('is a draft 2020-12 schema of both server keys', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(['mcpServers', 'servers']);
    expect(schema.properties.servers!.additionalProperties).toEqual(server);
  });

  it('lists every transport spelling and tolerates unknown keys', () => {
    expect(server.properties.type.enum).toEqual(Object.keys(TRANSPORT_ALIASES));
    expect(server.properties.transport.enum).toEqual(Object.keys(TRANSPORT_ALIASES));
    expect(server.additionalProperties).toBeUndefined();
    expect(schema.additionalProperties).toBeUndefined();
  });

  it('documents each field for editors', () => {
    for (const [field, property] of Object.entries(
      server.properties as Record<string, { description?: string }>,
    )) {
      expect(property.description, field).toBeTruthy();
    }
    expect(server.properties.timeout).toMatchObject({ type: 'integer', minimum: 1000 });
  });

  it('describes registry server.json entries once, in $defs', () => {
    expect(server.properties.packages.items).toEqual({ $ref: '#/$defs/RegistryPackage' });
    expect(server.properties.remotes.items).toEqual({ $ref: '#/$defs/RegistryRemote' });
    const defs = schema.$defs as Record<string, { properties: Record<string, unknown> }>;
    expect(Object.keys(defs.RegistryPackage!.properties)).toEqual(
      expect.arrayContaining(['registryType', 'identifier', 'version', 'environmentVariables']),
    );
    expect(defs.RegistryRemote!.properties.type).toMatchObject({ enum: ['streamable-http', 'sse'] });
  });
});
