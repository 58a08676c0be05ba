// Writes the JSON Schema of the config, generated from the zod schema in the build, to schema.json.
import { writeFileSync } from 'node:fs';
import { mcpConfigJsonSchema } from '../dist/index.js';

writeFileSync(
  new URL('../schema.json', import.meta.url),
  `${JSON.stringify(mcpConfigJsonSchema, null, 2)}\n`,
);
