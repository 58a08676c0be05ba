/** What the command line asked for. */
export interface DemoArgs {
  config: string | undefined;
  json: boolean;
  watch: boolean;
  help: boolean;
  /** `--authorize <server>`: run the interactive loopback flow for that server, then stop. */
  authorize: string | undefined;
}

export const HELP = `Usage: pnpm demo [--config <file>] [--json] [--watch] [--authorize <server>] [--help]

With no --config, starts real MCP servers (server-everything over stdio, Streamable HTTP and SSE on
127.0.0.1, server-filesystem on a temporary folder), plus one disabled entry and one whose command does
not exist, and runs them through MCPConnectionManager: connect all, status table, tools, one tool call per
server, health check, graceful shutdown, and a check that no child process is left. One server is
behind OAuth: a real authorization server (oidc-provider on 127.0.0.1, consenting by its own policy)
in front of an MCP server that checks tokens; tokens are kept in a file store in the demo's data
folder (${'$'}{TMPDIR}/org-mcp-demo), so a second run reuses them.

  --config <file>  any mcp_servers.json: the seed's format, Claude Desktop, Claude Code, Cursor,
                   Windsurf, Cline or VS Code (mcp.json) files work as they are
  --json           print one machine-readable report instead of the tables
  --watch          keep running and show state changes as they happen (kill a server's pid from
                   another terminal and watch it come back); saving the config file reloads it
                   live (only the servers that changed are touched); Ctrl-C shuts down cleanly
  --authorize <server>
                   authorize one configured server through the browser (a loopback listener on
                   127.0.0.1), keep its tokens in the demo's token store, and stop
  --help           this text

Exit code 0 when every enabled server that should work connected; 1 with a one-line reason otherwise.`;

/** Parses argv; a stray "--" (pnpm demo -- --config x) is ignored. Throws on anything unknown. */
export function parseArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { config: undefined, json: false, watch: false, help: false, authorize: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--json') args.json = true;
    else if (arg === '--watch') args.watch = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--config') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error('--config needs a file path');
      args.config = value;
    } else if (arg?.startsWith('--config=')) args.config = arg.slice('--config='.length);
    else if (arg === '--authorize') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error('--authorize needs a server name');
      args.authorize = value;
    } else throw new Error(`unknown argument "${arg}"; see --help`);
  }
  return args;
}
