import { ConfigErrorCode } from '@org/mcp-core';

/** The stable `code` of every `MCPConfigError` this package throws (core's `ConfigErrorCode`, by short name). */
export const CONFIG_ERROR_CODE = {
  /** The config file does not exist. */
  NOT_FOUND: ConfigErrorCode.CONFIG_NOT_FOUND,
  /** The config file or an `envFile` exists but could not be read (a directory, no permission...). */
  READ_FAILED: ConfigErrorCode.CONFIG_READ_FAILED,
  /** The config file is not valid JSON (comments and trailing commas are allowed). */
  SYNTAX: ConfigErrorCode.CONFIG_SYNTAX,
  /** One or more fields are wrong; `issues` lists each by dot path. */
  INVALID: ConfigErrorCode.CONFIG_INVALID,
  /** Every problem is a `${VAR}` that is unset and has no default. */
  VARIABLE_UNSET: ConfigErrorCode.CONFIG_VARIABLE_UNSET,
} as const;
