/** The stable `code` of every `MCPConfigError` this package throws. */
export const CONFIG_ERROR_CODE = {
  /** The config file does not exist. */
  NOT_FOUND: 'CONFIG_NOT_FOUND',
  /** The config file or an `envFile` exists but could not be read (a directory, no permission...). */
  READ_FAILED: 'CONFIG_READ_FAILED',
  /** The config file is not valid JSON (comments and trailing commas are allowed). */
  SYNTAX: 'CONFIG_SYNTAX',
  /** One or more fields are wrong; `issues` lists each by dot path. */
  INVALID: 'CONFIG_INVALID',
  /** Every problem is a `${VAR}` that is unset and has no default. */
  VARIABLE_UNSET: 'CONFIG_VARIABLE_UNSET',
} as const;
