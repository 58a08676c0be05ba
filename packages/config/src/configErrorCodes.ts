import { ConfigErrorCode } from '@org/mcp-core';

/**
 * @deprecated Use `ConfigErrorCode` (core's, re-exported here): the same codes under their full names
 * (`NOT_FOUND` is `ConfigErrorCode.CONFIG_NOT_FOUND`, and so on). Kept as an alias for one minor version.
 */
export const CONFIG_ERROR_CODE = {
  NOT_FOUND: ConfigErrorCode.CONFIG_NOT_FOUND,
  READ_FAILED: ConfigErrorCode.CONFIG_READ_FAILED,
  SYNTAX: ConfigErrorCode.CONFIG_SYNTAX,
  INVALID: ConfigErrorCode.CONFIG_INVALID,
  VARIABLE_UNSET: ConfigErrorCode.CONFIG_VARIABLE_UNSET,
} as const;
