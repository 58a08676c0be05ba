import type { JsonSchema } from './jsonSchema.js';
import { rootObject } from './rootObject.js';

/**
 * For the frameworks (AI SDK, LangChain), which hand the schema to whichever provider the user picked and
 * let that provider adapt it: references inlined (prepareSchema) and an object root, nothing more, so that no
 * provider loses a keyword it could have used.
 */
export function portableSchema(prepared: JsonSchema): JsonSchema {
  return rootObject(prepared, 'a tool');
}
