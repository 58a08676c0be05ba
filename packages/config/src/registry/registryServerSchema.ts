import { z } from 'zod';

// The MCP registry's server.json (schema 2025-09-29 and later, camelCase), as far as running a server needs
// it; descriptions, icons, repository and the like are allowed and ignored.
// https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/server.schema.json

/** A value the user may be asked for: fixed (`value`), defaulted, required, or left out. */
const input = {
  value: z.string().optional(),
  default: z.string().optional(),
  isRequired: z.boolean().optional(),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  isSecret: z.boolean().optional(),
};

export const RegistryInputSchema = z.object(input);

/** `{name}` placeholders of a value or a URL, each an input of its own. */
const variables = z.record(z.string(), RegistryInputSchema).optional();

const positional = z.object({
  ...input,
  type: z.literal('positional'),
  valueHint: z.string().min(1).optional(),
  variables,
});
const named = z.object({
  ...input,
  type: z.literal('named'),
  name: z.string().min(1, 'a named argument needs its flag, e.g. "--port"'),
  variables,
});
export const RegistryArgumentSchema = z.discriminatedUnion('type', [positional, named], {
  error: 'expected an argument of type "positional" or "named"',
});

/** An environment variable or an HTTP header. */
export const RegistryKeyValueSchema = z.object({ ...input, name: z.string().min(1), variables });

const remote = z.object({
  type: z.enum(['streamable-http', 'sse'], { error: 'expected "streamable-http" or "sse"' }),
  url: z.string().min(1),
  headers: z.array(RegistryKeyValueSchema).optional(),
  variables,
});

export const RegistryRemoteSchema = remote.meta({
  id: 'RegistryRemote',
  description: 'MCP registry server.json: a remote endpoint (streamable-http or sse) with its headers.',
});

export const RegistryPackageSchema = z
  .object({
    registryType: z.string().min(1),
    identifier: z.string().min(1),
    version: z.string().min(1).optional(),
    runtimeHint: z.string().optional(),
    transport: z
      .object({
        type: z.enum(['stdio', 'streamable-http', 'sse'], {
          error: 'expected "stdio", "streamable-http" or "sse"',
        }),
      })
      .optional(),
    runtimeArguments: z.array(RegistryArgumentSchema).optional(),
    packageArguments: z.array(RegistryArgumentSchema).optional(),
    environmentVariables: z.array(RegistryKeyValueSchema).optional(),
  })
  .meta({
    id: 'RegistryPackage',
    description: 'MCP registry server.json: a package (npm, pypi or oci) run over stdio.',
  });

export const RegistryServerSchema = z.object({
  name: z.string().min(1).optional(),
  version: z.string().optional(),
  packages: z.array(RegistryPackageSchema).optional(),
  remotes: z.array(RegistryRemoteSchema).optional(),
});

export type RegistryInput = z.infer<typeof RegistryInputSchema>;
export type RegistryArgument = z.infer<typeof RegistryArgumentSchema>;
export type RegistryKeyValue = z.infer<typeof RegistryKeyValueSchema>;
export type RegistryPackage = z.infer<typeof RegistryPackageSchema>;
export type RegistryRemote = z.infer<typeof RegistryRemoteSchema>;
export type RegistryServer = z.infer<typeof RegistryServerSchema>;
