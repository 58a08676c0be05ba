// The public API of @org/mcp-config: everything below is exported on purpose; nothing else is.
export { ConfigErrorCode } from '@org/mcp-core';
export { CONFIG_ERROR_CODE } from './configErrorCodes.js';
export {
  type ExpandVariablesOptions,
  expandVariables,
  type VariableEnv,
  type VariableProblem,
} from './expandVariables.js';
export { type LoadMcpConfigOptions, loadMcpConfig } from './loadMcpConfig.js';
export { mcpConfigJsonSchema } from './mcpConfigJsonSchema.js';
export {
  type McpConfigFile,
  McpConfigFileSchema,
  type McpServerEntry,
  McpServerEntrySchema,
} from './mcpConfigSchema.js';
export { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonText } from './parseJsonText.js';
export { type ParseMcpConfigOptions, parseMcpConfig } from './parseMcpConfig.js';
export { DEFAULT_REGISTRY_PREFERENCE, type RegistryChoice } from './registry/registryServerEntry.js';
export { TRANSPORT_ALIASES, type TransportAlias } from './transportAliases.js';
