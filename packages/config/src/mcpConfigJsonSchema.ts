import { z } from 'zod';
import { McpConfigFileSchema } from './mcpConfigSchema.js';

/**
 * The JSON Schema of a config file, generated from the zod schema, for editors (`"$schema"`).
 * The build also writes it to the package's `schema.json`.
 */
export const mcpConfigJsonSchema: Record<string, unknown> = z.toJSONSchema(McpConfigFileSchema, {
  io: 'input',
}) as Record<string, unknown>;
