import { z } from 'zod';
import { CursorAuthSchema, OAuthEntrySchema } from './oauthEntrySchema.js';
import { RegistryPackageSchema, RegistryRemoteSchema } from './registry/registryServerSchema.js';
import { TRANSPORT_ALIASES, type TransportAlias } from './transportAliases.js';

/** The largest delay a Node timer honours; above it `setTimeout` fires at once. */
const MAX_TIMER = 2_147_483_647;

// Tools write numbers and booleans in env, args and headers; they become strings.
const scalar = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or boolean',
});

const toolNames = (what: string) =>
  z.array(z.string().min(1, 'must not be empty')).meta({ description: what });

const milliseconds = (what: string) =>
  z
    .number()
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000: timeouts are in milliseconds (Cline writes seconds; multiply by 1000)')
    .max(MAX_TIMER, `must be at most ${MAX_TIMER} milliseconds`)
    .meta({ description: what });

const transportSpelling = (what: string) =>
  z.enum(Object.keys(TRANSPORT_ALIASES) as [TransportAlias, ...TransportAlias[]]).meta({ description: what });

/**
 * One server entry as people write it, in any of the supported formats (the seed's, Claude Desktop,
 * Claude Code, Cursor, Windsurf, Cline, VS Code). Unknown keys are allowed and dropped.
 */
export const McpServerEntrySchema = z
  .object({
    command: z.string().min(1).meta({
      description: 'Executable of a local (stdio) server; in the seed format, the URL of a remote one.',
    }),
    args: z.array(scalar).meta({ description: 'Arguments of the command.' }),
    env: z.record(z.string(), scalar).meta({
      description: 'Environment of a stdio server; in the seed format, the HTTP headers of a remote one.',
    }),
    envFile: z
      .string()
      .min(1)
      .meta({ description: 'VS Code: a KEY=VALUE file, relative to the config file; `env` wins over it.' }),
    cwd: z
      .string()
      .min(1)
      .meta({ description: 'Working directory of a stdio server, relative to the config file.' }),
    inheritEnv: z
      .boolean()
      .meta({ description: 'Pass the whole host environment to a stdio server instead of a minimal set.' }),
    stopGracePeriod: z
      .number()
      .int()
      .min(0)
      .max(MAX_TIMER)
      .meta({ description: 'Milliseconds between SIGTERM and SIGKILL when a stdio server is stopped.' }),
    url: z.string().min(1).meta({ description: 'URL of a remote server.' }),
    serverUrl: z.string().min(1).meta({ description: 'Windsurf: URL of a remote server.' }),
    headers: z.record(z.string(), scalar).meta({ description: 'HTTP headers sent to a remote server.' }),
    oauth: OAuthEntrySchema.meta({
      description:
        'OAuth for a remote server (Claude Code, VS Code); false: never authorize, static headers only.',
    }),
    auth: CursorAuthSchema.meta({ description: 'Cursor: a static OAuth client for a remote server.' }),
    proxy: z.union([z.string().min(1), z.literal(false)]).meta({
      description:
        'Remote server: a forward proxy URL (credentials through ${VAR}) used whatever HTTPS_PROXY/HTTP_PROXY/NO_PROXY say; false: no proxy. Default: those variables.',
    }),
    ca: z.string().min(1).meta({
      description:
        "Remote server: a PEM file of CA certificates trusted besides Node's and NODE_EXTRA_CA_CERTS, relative to the config file.",
    }),
    cert: z.string().min(1).meta({
      description:
        'Remote server: a PEM client certificate for mutual TLS, with "key"; relative to the config file.',
    }),
    key: z
      .string()
      .min(1)
      .meta({ description: 'Remote server: the PEM private key of "cert", relative to the config file.' }),
    passphrase: z.string().min(1).meta({
      description: 'Remote server: the passphrase of an encrypted "key", as a ${VAR} reference only.',
    }),
    insecureSkipVerify: z.boolean().meta({
      description:
        'Remote server: true turns TLS certificate verification off (logged as a warning at every connect). Default false; prefer "ca".',
    }),
    cookies: z.boolean().meta({
      description:
        'Remote server: keep the cookies it (or a balancer in front of it) sets, for the life of a connection. Default true.',
    }),
    transport: transportSpelling(
      'The transport (seed format). Without one: http when there is a URL, else stdio.',
    ),
    type: transportSpelling(
      'The transport (Claude, VS Code, Cline). Without one: http when there is a URL, else stdio.',
    ),
    enabled: z
      .boolean()
      .meta({ description: 'false keeps the server configured but never connected. Default true.' }),
    disabled: z.boolean().meta({ description: 'Cline, Cursor: true is enabled: false.' }),
    timeout: milliseconds('Default per-request timeout, in milliseconds.'),
    connectTimeout: milliseconds('Timeout of connect (start and handshake), in milliseconds.'),
    maxTotalTimeout: milliseconds(
      'How long progress may keep one tool call alive, in milliseconds (each progress restarts the timeout). Default 600000.',
    ),
    start: z.enum(['eager', 'lazy']).meta({
      description:
        "eager: connectAllEnabled starts it; lazy: its first call does (its tools listed from the catalog). Default: the manager's (eager).",
    }),
    idleTimeout: z
      .number()
      .int('must be a whole number of milliseconds')
      .min(0)
      .max(MAX_TIMER, `must be at most ${MAX_TIMER} milliseconds`)
      .meta({
        description:
          "Stop it after this many milliseconds with no call, subscription or task (0: never). Default: the manager's (never).",
      }),
    scope: z.enum(['shared', 'user']).meta({
      description:
        'shared: one connection every user of the manager shares; user: one connection per end user (manager.forUser), with ${user:NAME} in url, headers, env and args. Default shared.',
    }),
    userIdleTimeout: z
      .number()
      .int('must be a whole number of milliseconds')
      .min(0)
      .max(MAX_TIMER, `must be at most ${MAX_TIMER} milliseconds`)
      .meta({
        description:
          "A user-scoped server: close a user's connection after this many milliseconds with no work (0: never). Default: the manager's (15 minutes).",
      }),
    maxUserConnections: z.number().int('must be a whole number').min(1).meta({
      description:
        "A user-scoped server: its users' connections at most; past it the least recently used idle one closes. Default: the manager's (1000).",
    }),
    includeTools: toolNames('Globs over tool names: only the tools matching one are offered (Gemini CLI).'),
    excludeTools: toolNames('Globs over tool names: the tools matching one are not offered (Gemini CLI).'),
    disabledTools: toolNames('Cline, Roo Code: tools not offered, by name or glob.'),
    autoApprove: toolNames('Cline: tools the host may call without asking, by name or glob (a hint).'),
    alwaysAllow: toolNames('Roo Code: the same as autoApprove.'),
    taskTools: toolNames(
      'Tools whose calls run as tasks where the server supports them (followed to their end, no request timeout), by name or glob.',
    ),
    trust: z.boolean().meta({
      description:
        "Believe the server's tool annotations (readOnlyHint, destructiveHint, …). Untrusted, they are hints, never a reason to skip approval. Default false.",
    }),
    packages: z.array(RegistryPackageSchema).meta({
      description:
        'An MCP registry server.json entry: its packages; one (npm, pypi, oci) becomes the command that runs it.',
    }),
    remotes: z.array(RegistryRemoteSchema).meta({
      description: 'An MCP registry server.json entry: its remotes; one becomes an http or sse server.',
    }),
  })
  .partial();

const servers = z.record(z.string(), McpServerEntrySchema);

/** A whole `mcp_servers.json` / `mcp.json` / `.mcp.json` as written; servers under `mcpServers` or `servers`. */
export const McpConfigFileSchema = z
  .object({
    mcpServers: servers.meta({ description: 'The servers, by name.' }),
    servers: servers.meta({ description: 'VS Code: the servers, by name.' }),
  })
  .partial()
  .meta({
    title: 'MCP servers configuration',
    description:
      'MCP servers for @org/mcp-config: the seed format, Claude Desktop, Claude Code, Cursor, Windsurf, Cline and VS Code. Strings may use ${VAR}, ${VAR:-default} and ${env:VAR}.',
  });

export type McpServerEntry = z.infer<typeof McpServerEntrySchema>;
export type McpConfigFile = z.infer<typeof McpConfigFileSchema>;
