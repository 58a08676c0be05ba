import { isAbsolute, resolve } from 'node:path';
import type { MCPServerConfig, TransportTypeName } from '@org/mcp-core';
import { HAS_NUL, HAS_NUL_CR_LF, printable } from './controlCharacters.js';
import { envFileValues } from './envFileValues.js';
import { describeVariableProblem, expandVariables, type VariableEnv } from './expandVariables.js';
import type { McpServerEntry } from './mcpConfigSchema.js';
import { normaliseNetwork } from './normaliseNetwork.js';
import { normaliseOAuth } from './normaliseOAuth.js';
import { toolFilterOf } from './toolFilterOf.js';
import { TRANSPORT_ALIASES } from './transportAliases.js';

/** What normalising one server needs from the caller. */
export interface NormaliseContext {
  env: VariableEnv;
  /** Directory that relative `envFile`, `cwd` and `./`/`../` commands resolve against; the process's cwd when undefined. */
  baseDir: string | undefined;
  /** VS Code `${input:id}` values by id. */
  inputs: VariableEnv | undefined;
  readEnvFile: ((path: string) => string) | undefined;
  /** Records one problem; `unset` marks an unset variable. */
  report: (path: string, message: string, unset: boolean) => void;
}

/** Where a user-scoped server takes `${user:NAME}`: filled per user by the manager. */
const USER_FIELDS = /^(url|serverUrl|headers\.|env\.|args\.)/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** `./x`, `../x` (and `.\x` on Windows): relative to a directory, not looked up on PATH. */
const RELATIVE_PATH = /^\.\.?[\\/]/;

/**
 * `"command": "npx -y some-server"` with no `args`: spawned without a shell, that is a program named with the
 * spaces. A command whose program is a path may hold spaces (`/Applications/My App/server`), so only a bare
 * program name is refused. The fix shown is made of the command as written, never of an expanded value.
 */
function refuseCommandLine(
  command: string,
  written: string | undefined,
  report: (field: string, message: string) => void,
): void {
  const [program = '', ...rest] = command.trim().split(/\s+/);
  if (rest.length === 0 || /[\\/]/.test(program)) return;
  const words = (written ?? '').trim().split(/\s+/);
  const example =
    words.length > 1
      ? `: "command": ${JSON.stringify(words[0])}, "args": ${JSON.stringify(words.slice(1))}`
      : '';
  report(
    'command',
    `holds a program and its arguments but there is no "args"; move the arguments to "args"${example}`,
  );
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Turns one validated entry, in any supported format, into core's `MCPServerConfig`, expanding
 * variables in every string. Returns undefined when it reported a problem. Messages carry names
 * and paths only, never a value.
 */
export function normaliseServer(
  path: string,
  name: string,
  entry: McpServerEntry,
  ctx: NormaliseContext,
): MCPServerConfig | undefined {
  let problems = 0;
  const report = (field: string, message: string, unset = false) => {
    problems++;
    ctx.report(field ? `${path}.${field}` : path, message, unset);
  };
  // The name JSON-quoted: it may hold a line break, and a message stays one line.
  const expand = (field: string, text: string | number | boolean, prefix = '') =>
    expandVariables(String(text), ctx.env, {
      inputs: ctx.inputs,
      keepUserVariables: entry.scope === 'user' && USER_FIELDS.test(field),
      onProblem: (problem) =>
        report(
          field,
          `server ${JSON.stringify(name)}: ${prefix}${describeVariableProblem(problem)}`,
          problem.kind === 'unset',
        ),
    });
  const expandRecord = (field: string, record: Record<string, string | number | boolean> | undefined) =>
    record &&
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => [key, expand(`${field}.${printable(key)}`, value)]),
    );
  const refuseNul = (field: string, value: string | undefined) => {
    if (value !== undefined && HAS_NUL.test(value)) report(field, 'contains a NUL character');
  };

  if (entry.enabled !== undefined && entry.disabled !== undefined && entry.enabled === entry.disabled) {
    report('disabled', `contradicts "enabled": ${entry.enabled}; keep only one of "enabled" and "disabled"`);
  }
  const enabled = entry.enabled ?? !entry.disabled;

  const fromTransport = entry.transport && TRANSPORT_ALIASES[entry.transport];
  const fromType = entry.type && TRANSPORT_ALIASES[entry.type];
  if (fromTransport && fromType && fromTransport !== fromType) {
    report('type', `means ${fromType} but "transport" means ${fromTransport}; keep only one`);
  }
  const declared: TransportTypeName | undefined = fromTransport || fromType || undefined;

  if (entry.url !== undefined && entry.serverUrl !== undefined) {
    report('serverUrl', 'given together with "url"; keep only one');
  }
  const command = entry.command === undefined ? undefined : expand('command', entry.command);
  let urlField = entry.url !== undefined ? 'url' : 'serverUrl';
  let url = entry.url ?? entry.serverUrl;
  url = url === undefined ? undefined : expand(urlField, url);
  // The seed's format: a remote server's URL in `command` and its headers in `env`.
  const urlInCommand =
    url === undefined &&
    command !== undefined &&
    (declared === 'sse' || declared === 'http' || (declared === undefined && isHttpUrl(command)));
  if (urlInCommand) {
    urlField = 'command';
    url = command;
  }
  const transport: TransportTypeName = declared ?? (url === undefined ? 'stdio' : 'http');
  const common = {
    enabled,
    ...toolFilterOf(entry),
    ...(entry.timeout !== undefined && { timeout: entry.timeout }),
    ...(entry.connectTimeout !== undefined && { connectTimeout: entry.connectTimeout }),
    ...(entry.maxTotalTimeout !== undefined && { maxTotalTimeout: entry.maxTotalTimeout }),
    ...(entry.trust !== undefined && { trust: entry.trust }),
    ...(entry.start !== undefined && { start: entry.start }),
    ...(entry.idleTimeout !== undefined && { idleTimeout: entry.idleTimeout }),
    ...(entry.scope !== undefined && { scope: entry.scope }),
    ...(entry.userIdleTimeout !== undefined && { userIdleTimeout: entry.userIdleTimeout }),
    ...(entry.maxUserConnections !== undefined && { maxUserConnections: entry.maxUserConnections }),
  };

  const oauth = normaliseOAuth(entry, {
    expand: (field, text) => expand(field, text),
    report: (field, message) => report(field, message),
    baseDir: ctx.baseDir,
  });

  const networkContext = {
    expand: (field: string, text: string) => expand(field, text),
    report,
    baseDir: ctx.baseDir,
  };
  const network = normaliseNetwork(entry, networkContext);

  if (transport === 'stdio') {
    for (const field of Object.keys(network))
      report(field, 'only a remote (http or sse) server has network settings');
    if (oauth !== undefined)
      report(entry.oauth !== undefined ? 'oauth' : 'auth', 'only a remote server authorizes with OAuth');
    if (command === undefined) {
      report(
        url === undefined ? '' : 'command',
        url === undefined
          ? 'needs "command" (a local server) or "url" (a remote server)'
          : 'required for a stdio server; for a remote server declare "type": "http" or "sse"',
      );
      return undefined;
    }
    refuseNul('command', command);
    if (entry.args === undefined || entry.args.length === 0)
      refuseCommandLine(command, entry.command, report);
    const args = entry.args?.map((arg, index) => expand(`args.${index}`, arg));
    args?.forEach((arg, index) => {
      refuseNul(`args.${index}`, arg);
    });
    const fromFile =
      entry.envFile === undefined
        ? {}
        : envFileValues(entry.envFile, {
            baseDir: ctx.baseDir,
            readEnvFile: ctx.readEnvFile,
            expand,
            report,
            problems: () => problems,
          });
    const configured = expandRecord('env', entry.env) ?? {};
    const env = { ...fromFile, ...configured };
    for (const [key, value] of Object.entries(configured)) {
      if (HAS_NUL_CR_LF.test(key))
        report(`env.${printable(key)}`, 'the name contains a NUL, CR or LF character');
      // CR and LF reach the server byte for byte (a PEM key in a variable); only NUL cannot be passed.
      else if (HAS_NUL.test(value))
        report(`env.${key}`, 'contains a NUL character, which no environment can carry');
    }
    const expandedCwd = entry.cwd === undefined ? undefined : expand('cwd', entry.cwd);
    refuseNul('cwd', expandedCwd);
    // A relative cwd resolves against the config file's directory, and so does its as-written form.
    const relative = expandedCwd !== undefined && ctx.baseDir !== undefined && !isAbsolute(expandedCwd);
    const resolveCwd = (path: string) => (relative ? resolve(ctx.baseDir as string, path) : path);
    const cwd = expandedCwd === undefined ? undefined : resolveCwd(expandedCwd);
    // A command written `./server` or `../bin/server` is a path from the config file's directory, as cwd is.
    const relativeCommand = ctx.baseDir !== undefined && RELATIVE_PATH.test(command);
    const resolveCommand = (path: string) => (relativeCommand ? resolve(ctx.baseDir as string, path) : path);
    // What expansion changed is named as written in errors and logs: a variable may hold a secret.
    const asWritten = {
      ...(entry.command !== command && { command: resolveCommand(entry.command as string) }),
      ...(entry.cwd !== undefined && entry.cwd !== expandedCwd && { cwd: resolveCwd(entry.cwd) }),
    };
    if (problems > 0) return undefined;
    return {
      transport,
      command: resolveCommand(command),
      ...(args && { args }),
      ...((entry.env !== undefined || entry.envFile !== undefined) && { env }),
      ...(cwd !== undefined && { cwd }),
      ...(Object.keys(asWritten).length > 0 && { asWritten }),
      ...(entry.inheritEnv !== undefined && { inheritEnv: entry.inheritEnv }),
      ...(entry.stopGracePeriod !== undefined && { stopGracePeriod: entry.stopGracePeriod }),
      ...common,
    };
  }

  if (url === undefined) {
    report('url', `required for a remote (${transport}) server`);
    return undefined;
  }
  if (!isHttpUrl(url)) report(urlField, 'not a valid URL; expected http:// or https://');
  const headerSources = urlInCommand ? (['env', 'headers'] as const) : (['headers'] as const);
  const headers: [string, string][] = [];
  for (const field of headerSources) {
    for (const [header, value] of Object.entries(expandRecord(field, entry[field]) ?? {})) {
      if (!HEADER_NAME.test(header)) report(`${field}.${printable(header)}`, 'not a valid HTTP header name');
      else if (HAS_NUL_CR_LF.test(value)) {
        report(
          `${field}.${header}`,
          'contains a line break or NUL character, which HTTP headers cannot carry',
        );
      } else headers.push([header, value]);
    }
  }
  if (problems > 0) return undefined;
  const hasHeaders = headerSources.some((field) => entry[field] !== undefined);
  return {
    transport,
    url,
    ...(hasHeaders && { headers: Object.fromEntries(headers) }),
    ...(oauth !== undefined && { oauth }),
    ...network,
    ...(declared === undefined && transport === 'http' && { sseFallback: true }),
    ...common,
  };
}
