import { resolve } from 'node:path';
import { ConfigErrorCode, MCPConfigError, type MCPServersConfig } from '@org/mcp-core';
import type { VariableEnv } from './expandVariables.js';
import { type JsonSyntaxError, parseJsonText } from './parseJsonText.js';
import { parseMcpConfig } from './parseMcpConfig.js';
import { preloadEnvFiles } from './preloadEnvFiles.js';
import { readRegularFile, toFileReadError } from './readRegularFile.js';
import type { RegistryChoice } from './registry/registryServerEntry.js';

export interface LoadMcpConfigOptions {
  /** Variables for `${VAR}` expansion. Default `process.env`. */
  env?: VariableEnv;
  /**
   * For an object source: the file it came from, named in errors and used to resolve relative
   * `envFile` and `cwd`. Default: none. A path source is its own file.
   */
  file?: string;
  /** The most bytes an `envFile` may hold; a larger one is a config error. Default 1 MiB. */
  maxEnvFileSize?: number;
  /** VS Code `${input:id}` values by id (what the editor prompts for). Values are secrets. Default: none. */
  inputs?: VariableEnv;
  /**
   * true: any problem throws and nothing is loaded. false: a bad entry fails only its own server (its error in
   * `failed`) and the others load; a missing file, bad JSON or a problem outside every entry still throws.
   * Default true (the manager's `initialize` loads with false unless told otherwise).
   */
  strict?: boolean;
  /** Which of a registry server.json's packages and remotes to run (see parseMcpConfig). Default DEFAULT_REGISTRY_PREFERENCE. */
  registryPreference?: readonly RegistryChoice[];
}

const DEFAULT_MAX_ENV_FILE_SIZE = 1024 * 1024;
/** Far above any real config (Claude Code's ~/.claude.json included), far below what exhausts memory. */
const MAX_CONFIG_FILE_SIZE = 64 * 1024 * 1024;

/** The config file's text; a failure keeps only Node's code, named with the path as given. */
async function readConfigFile(file: string): Promise<string> {
  try {
    return await readRegularFile(file, MAX_CONFIG_FILE_SIZE);
  } catch (error) {
    const failure = toFileReadError(error);
    throw failure.code === 'ENOENT'
      ? new MCPConfigError('No MCP config file (check the path)', {
          code: ConfigErrorCode.CONFIG_NOT_FOUND,
          file,
          cause: failure,
        })
      : new MCPConfigError(
          failure.code === undefined
            ? `Cannot read the MCP config file (${failure.message})`
            : `Cannot read the MCP config file (${failure.code}; check that it is a readable file)`,
          { code: ConfigErrorCode.CONFIG_READ_FAILED, file, cause: failure },
        );
  }
}

/**
 * Loads an MCP servers config from a file path (JSON; comments and trailing commas allowed) or an
 * already-parsed object, in any supported format, and normalises it to core's `MCPServersConfig`.
 * The file and every `envFile` are read asynchronously, regular files only, bounded.
 * Throws `MCPConfigError` (see `ConfigErrorCode`).
 */
export async function loadMcpConfig(
  source: string | object,
  options: LoadMcpConfigOptions = {},
): Promise<MCPServersConfig> {
  const env = options.env ?? process.env;
  const maxEnvFileSize = options.maxEnvFileSize ?? DEFAULT_MAX_ENV_FILE_SIZE;
  if (!Number.isSafeInteger(maxEnvFileSize) || maxEnvFileSize < 0) {
    throw new MCPConfigError('Invalid loadMcpConfig options', {
      issues: [{ path: 'maxEnvFileSize', message: 'must be a whole number of bytes, at least 0' }],
    });
  }
  let json: unknown = source;
  let file = options.file;
  if (typeof source === 'string') {
    file = resolve(source);
    const text = await readConfigFile(file);
    try {
      json = parseJsonText(text);
    } catch (error) {
      const syntax = error as JsonSyntaxError;
      throw new MCPConfigError(`MCP config is not valid JSON at ${syntax.message}`, {
        code: ConfigErrorCode.CONFIG_SYNTAX,
        file,
        cause: error,
      });
    }
  }
  const parseOptions = {
    env,
    ...(file !== undefined && { file }),
    ...(options.inputs !== undefined && { inputs: options.inputs }),
    ...(options.strict !== undefined && { strict: options.strict }),
    ...(options.registryPreference !== undefined && { registryPreference: options.registryPreference }),
  };
  const readEnvFile = await preloadEnvFiles(json, parseOptions, maxEnvFileSize);
  return parseMcpConfig(json, { ...parseOptions, readEnvFile });
}
