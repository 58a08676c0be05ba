import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MCPConfigError, type MCPServersConfig } from '@org/mcp-core';
import { CONFIG_ERROR_CODE } from './configErrorCodes.js';
import type { VariableEnv } from './expandVariables.js';
import { type JsonSyntaxError, parseJsonText } from './parseJsonText.js';
import { parseMcpConfig } from './parseMcpConfig.js';

export interface LoadMcpConfigOptions {
  /** Variables for `${VAR}` expansion. Default `process.env`. */
  env?: VariableEnv;
  /**
   * For an object source: the file it came from, named in errors and used to resolve relative
   * `envFile` and `cwd`. Default: none. A path source is its own file.
   */
  file?: string;
}

const readEnvFile = (path: string) => readFileSync(path, 'utf8');

/**
 * Loads an MCP servers config from a file path (JSON; comments and trailing commas allowed) or an
 * already-parsed object, in any supported format, and normalises it to core's `MCPServersConfig`.
 * Throws `MCPConfigError` (see `CONFIG_ERROR_CODE`).
 */
export async function loadMcpConfig(
  source: string | object,
  options: LoadMcpConfigOptions = {},
): Promise<MCPServersConfig> {
  const env = options.env ?? process.env;
  if (typeof source !== 'string') {
    return parseMcpConfig(source, {
      env,
      readEnvFile,
      ...(options.file !== undefined && { file: options.file }),
    });
  }
  const file = resolve(source);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new MCPConfigError('No MCP config file (check the path)', {
          code: CONFIG_ERROR_CODE.NOT_FOUND,
          file,
          cause: error,
        })
      : new MCPConfigError(
          `Cannot read the MCP config file (${code ?? 'error'}; check that it is a readable file)`,
          {
            code: CONFIG_ERROR_CODE.READ_FAILED,
            file,
            cause: error,
          },
        );
  }
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    const syntax = error as JsonSyntaxError;
    throw new MCPConfigError(`MCP config is not valid JSON at ${syntax.message}`, {
      code: CONFIG_ERROR_CODE.SYNTAX,
      file,
      cause: error,
    });
  }
  return parseMcpConfig(json, { env, file, readEnvFile });
}
