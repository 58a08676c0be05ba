import { basename, dirname, resolve } from 'node:path';
import {
  ConfigErrorCode,
  type ConfigIssue,
  MCPConfigError,
  type MCPServerConfig,
  type MCPServersConfig,
} from '@org/mcp-core';
import { printable } from './controlCharacters.js';
import type { VariableEnv } from './expandVariables.js';
import { McpServerEntrySchema } from './mcpConfigSchema.js';
import { normaliseServer } from './normaliseServer.js';
import {
  isRegistryEntry,
  registryConfigEntry,
  registryRootEntries,
  under,
} from './registry/registryEntries.js';
import { DEFAULT_REGISTRY_PREFERENCE, type RegistryChoice } from './registry/registryServerEntry.js';

export interface ParseMcpConfigOptions {
  /** Variables for `${VAR}` expansion. Default `process.env`. */
  env?: VariableEnv;
  /**
   * The file the config came from: named in errors; relative `envFile` and `cwd` resolve against
   * its directory, and it defines `${workspaceFolder}` (the parent of `.vscode/`, else its directory).
   * Default: none (relative paths resolve against the process's working directory).
   */
  file?: string;
  /**
   * Reads a VS Code `envFile` (absolute path), synchronously: bounding it and refusing FIFOs and
   * devices is up to it. Default: none, so an `envFile` is reported as an error; `loadMcpConfig`
   * reads envFiles asynchronously and bounded instead.
   */
  readEnvFile?: (path: string) => string;
  /** VS Code `${input:id}` values by id (what the editor prompts for). Values are secrets. Default: none. */
  inputs?: VariableEnv;
  /**
   * true: any problem throws, and nothing is loaded. false: a problem in one server's entry fails only that
   * server (its error in `failed`), the others load; a problem outside every entry still throws. Default true.
   */
  strict?: boolean;
  /**
   * Which of a registry server.json's packages and remotes to run: the first offer whose kind comes first
   * here; kinds left out are never chosen. Default DEFAULT_REGISTRY_PREFERENCE (npm, pypi, oci, streamable-http, sse).
   */
  registryPreference?: readonly RegistryChoice[];
}

interface Problem extends ConfigIssue {
  server: string | undefined;
  unset: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `${workspaceFolder}` as VS Code means it for a config file at `file`. */
function workspaceFolderOf(file: string): string {
  const dir = dirname(resolve(file));
  return basename(dir) === '.vscode' ? dirname(dir) : dir;
}

/**
 * Validates and normalises an already-parsed config, in any supported format, into one
 * `MCPServersConfig`. Pure apart from `readEnvFile`. Throws `MCPConfigError` listing every
 * problem by dot path; messages never carry a value from the config or the environment.
 */
export function parseMcpConfig(json: unknown, options: ParseMcpConfigOptions = {}): MCPServersConfig {
  const { file } = options;
  const baseEnv = options.env ?? process.env;
  const env =
    file !== undefined && baseEnv.workspaceFolder === undefined
      ? { ...baseEnv, workspaceFolder: workspaceFolderOf(file) }
      : baseEnv;
  const problems: Problem[] = [];
  const report =
    (server: string | undefined) =>
    (path: string, message: string, unset = false) =>
      problems.push({ path, message, server, unset });
  const servers: [string, MCPServerConfig][] = [];

  const addServer = (name: string, path: string, written: unknown) => {
    const reportHere = report(name);
    if (name.trim() === '') {
      reportHere(path, 'a server needs a non-empty name');
      return;
    }
    const entry = isRegistryEntry(written)
      ? registryConfigEntry(
          written,
          path,
          options.registryPreference ?? DEFAULT_REGISTRY_PREFERENCE,
          reportHere,
        )
      : written;
    if (entry === undefined) return;
    const parsed = McpServerEntrySchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        reportHere(
          under(path, issue.path.map((segment) => printable(String(segment))).join('.')),
          issue.message,
        );
      }
      return;
    }
    const config = normaliseServer(path || printable(name), name, parsed.data, {
      env,
      baseDir: file === undefined ? undefined : dirname(resolve(file)),
      readEnvFile: options.readEnvFile,
      inputs: options.inputs,
      report: reportHere,
    });
    if (config) servers.push([name, config]);
  };

  const key =
    isRecord(json) && json.mcpServers === undefined && json.servers !== undefined ? 'servers' : 'mcpServers';
  const fromRegistry = registryRootEntries(json, report(undefined));
  if (fromRegistry !== undefined) {
    for (const { name, path, entry } of fromRegistry) addServer(name, path, entry);
  } else if (!isRecord(json)) {
    report(undefined)('(root)', 'must be a JSON object with "mcpServers" (or "servers", VS Code)');
  } else if (json.mcpServers !== undefined && json.servers !== undefined) {
    report(undefined)('servers', 'given together with "mcpServers"; keep only one');
  } else if (json[key] === undefined) {
    report(undefined)('mcpServers', 'missing: put the servers under "mcpServers" (or "servers", VS Code)');
  } else if (!isRecord(json[key])) {
    report(undefined)(key, 'must be an object of servers by name');
  } else {
    for (const [name, entry] of Object.entries(json[key]))
      addServer(name, `${key}.${printable(name)}`, entry);
  }

  const partial =
    options.strict === false && problems.every((p) => p.server !== undefined && p.server.trim() !== '');
  if (problems.length > 0 && !partial) throw configError('MCP config', problems, file);
  const failed = new Map<string, Problem[]>();
  for (const problem of problems) {
    const server = problem.server as string;
    failed.set(server, [...(failed.get(server) ?? []), problem]);
  }
  return {
    mcpServers: Object.fromEntries(servers),
    ...(failed.size > 0 && {
      failed: Object.fromEntries(
        [...failed].map(([server, own]) => [
          server,
          configError(`Server "${printable(server)}" config`, own, file),
        ]),
      ),
    }),
  };
}

/** One error for `problems`: unset variables only, or invalid; with the server when they are all one server's. */
function configError(
  subject: string,
  problems: readonly Problem[],
  file: string | undefined,
): MCPConfigError {
  const unsetOnly = problems.every((p) => p.unset);
  const names = new Set(problems.map((p) => p.server));
  const [only] = names;
  return new MCPConfigError(unsetOnly ? `${subject} refers to unset variables` : `Invalid ${subject}`, {
    code: unsetOnly ? ConfigErrorCode.CONFIG_VARIABLE_UNSET : ConfigErrorCode.CONFIG_INVALID,
    issues: problems.map(({ path, message }) => ({ path, message })),
    ...(file !== undefined && { file }),
    ...(names.size === 1 && only !== undefined && { serverName: only }),
  });
}
