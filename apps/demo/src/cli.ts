#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { isAlive, isGroupAlive } from '@org/mcp-demo-servers';
import {
  type CallToolResult,
  FileTokenStore,
  headlessAuthorizationHandler,
  loadMcpConfig,
  MCPConnectionManager,
  MCPError,
  type ServerStatus,
} from '@org/mcp-manager';
import { HELP, parseArgs } from './args.js';
import { authorizeServer } from './authorizeServer.js';
import { type DemoWorld, startDemoWorld } from './demoServers.js';
import { onDemandTour } from './onDemandTour.js';
import { pickToolCall } from './pickToolCall.js';
import { ProgressDisplay } from './progressDisplay.js';
import { DEFAULT_DEMO_DATA_DIR } from './protectedWorld.js';
import { statusTable } from './statusTable.js';
import { table } from './table.js';
import { clip, firstLine } from './text.js';
import { usersTour } from './usersTour.js';

interface ToolCallReport {
  server: string;
  tool: string;
  ok: boolean;
  result?: string;
  error?: string;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const world: DemoWorld | undefined = args.config ? undefined : await startDemoWorld();
  const configPath = args.config ? resolve(args.config) : (world as DemoWorld).configPath;
  const manager = new MCPConnectionManager({
    maxRetries: 1,
    backoff: { baseDelay: 200 },
    tokenStore: new FileTokenStore(world?.oauth.tokenStorePath ?? join(DEFAULT_DEMO_DATA_DIR, 'tokens.json')),
    // The bundled authorization server consents by its own policy, so the headless handler suffices; a
    // user's config gets none: its OAuth servers wait in needs-auth for --authorize.
    ...(world && !args.authorize && { authorizationHandler: headlessAuthorizationHandler() }),
  });
  const say = (line: string) => {
    if (!args.json) console.log(line);
  };
  try {
    // As the manager loads a file: an entry that cannot be read is one failed server, not a failed demo.
    const config = await loadMcpConfig(configPath, { env: world?.env ?? process.env, strict: false });
    await manager.initialize(config);
    if (args.authorize) return await authorizeServer(manager, args.authorize, (line) => console.log(line));
    const names = [...Object.keys(config.mcpServers), ...Object.keys(config.failed ?? {})];
    const display = args.json ? undefined : new ProgressDisplay(names, process.stdout);
    manager.on('serverStateChanged', (e) => display?.update(e.server, e.state, e.error));
    say(`Connecting ${names.length} servers from ${configPath}\n`);
    display?.start(await manager.getServerStatus());
    const started = performance.now();
    const connected = await manager.connectAllEnabled();
    display?.finish();
    const connectAllMs = Math.round(performance.now() - started);

    const status = await manager.getServerStatus();
    say(`\nAll enabled servers tried in ${connectAllMs} ms\n`);
    say(statusTable(status));

    const tools = await manager.listTools();
    say(`\n${tools.length} tools, names unique across servers:`);
    say(wrap(tools.map((t) => t.qualifiedName)));

    const calls: ToolCallReport[] = [];
    for (const [name, ok] of Object.entries(connected)) {
      if (!ok) continue;
      const pick = pickToolCall(tools, name, world?.env.DEMO_DIR);
      if (!pick) continue;
      try {
        const result = await manager.callTool(pick.tool.qualifiedName, pick.args, { timeout: 15_000 });
        calls.push({
          server: name,
          tool: pick.tool.qualifiedName,
          ok: !result.isError,
          result: summarise(result),
        });
      } catch (error) {
        calls.push({
          server: name,
          tool: pick.tool.qualifiedName,
          ok: false,
          error: (error as Error).message,
        });
      }
    }
    say('\nOne tool call per server:');
    for (const c of calls) say(`  ${c.ok ? 'ok ' : 'ERR'} ${c.tool} → ${c.result ?? c.error}`);
    const oauth = world && {
      steps: world.oauth.steps(),
      tokenReused: status.protected?.connected === true && world.oauth.tokenReused(),
    };
    if (oauth) {
      say('\nOAuth for "protected", as the servers saw it:');
      for (const step of oauth.steps) say(`  ${step}`);
      say(
        `  ${oauth.tokenReused ? 'token: the stored one reused (no token request this run)' : `token stored in ${world?.oauth.tokenStorePath}: the next run reuses it`}`,
      );
    }
    const waiting = Object.keys(status).filter((n) => status[n]?.state === 'needs-auth');
    for (const name of waiting)
      say(`\n"${name}" needs authorization: pnpm demo --config <file> --authorize ${name}`);

    const health = await manager.healthCheckAll();
    say(`\nhealthCheckAll(): ${JSON.stringify(health)}`);
    const everything = { command: process.execPath, args: [world?.env.EVERYTHING_BIN ?? '', 'stdio'] };
    const onDemand = world && !args.json ? await onDemandTour(everything, say) : undefined;
    const protectedUrl = `http://127.0.0.1:${world?.env.DEMO_PROTECTED_PORT}/mcp`;
    const users = world && !args.json ? await usersTour(protectedUrl, say) : undefined;

    if (args.watch) await watch(manager, status, say, { file: configPath, env: world?.env ?? process.env });

    const pids = await stdioPids(manager, status);
    const stopStarted = performance.now();
    await manager.shutdown();
    await world?.stop();
    const shutdownMs = Math.round(performance.now() - stopStarted);
    const left = [
      ...pids.filter((pid) => isAlive(pid) || isGroupAlive(pid)),
      ...(world?.pids ?? []).filter(isAlive),
    ];
    say(
      `\nShut down in ${shutdownMs} ms; child processes left: ${left.length === 0 ? 'none' : left.join(', ')}`,
    );

    const expected = new Set(world?.expectedToFail ?? []);
    const missing = Object.entries(connected)
      .filter(([name, ok]) => !ok && !expected.has(name) && !waiting.includes(name))
      .map(([n]) => n);
    const failedCalls = calls.filter((c) => !c.ok).map((c) => c.tool);
    const reason =
      missing.length > 0
        ? `servers that should work did not connect: ${missing.map((n) => `${n} (${status[n]?.lastError?.message ?? 'unknown'})`).join('; ')}`
        : failedCalls.length > 0
          ? `tool calls failed: ${failedCalls.join(', ')}`
          : left.length > 0
            ? `processes left behind: ${left.join(', ')}`
            : (onDemand ?? users);
    if (args.json) {
      console.log(
        JSON.stringify(
          {
            config: configPath,
            connected,
            status,
            tools: tools.map((t) => t.qualifiedName),
            calls,
            health,
            oauth,
            connectAllMs,
            shutdownMs,
            processesLeft: left,
            ok: !reason,
            reason,
          },
          null,
          2,
        ),
      );
    } else if (reason) {
      console.error(`\nFAILED: ${reason}`);
    } else {
      say('\nEverything that should work worked.');
    }
    return reason ? 1 : 0;
  } finally {
    await manager.shutdown();
    await world?.stop();
  }
}

/** A connected stdio server's pid (it leads its own process group); undefined for remote ones. */
async function pidOf(manager: MCPConnectionManager, name: string): Promise<number | undefined> {
  return ((await manager.getClient(name).catch(() => undefined)) as { pid?: number } | undefined)?.pid;
}

/** Stdio servers' pids, to prove none is left after shutdown. */
async function stdioPids(
  manager: MCPConnectionManager,
  status: Record<string, ServerStatus>,
): Promise<number[]> {
  const pids: number[] = [];
  for (const [name, s] of Object.entries(status)) {
    if (!s.connected || s.transport !== 'stdio') continue;
    const pid = await pidOf(manager, name);
    if (pid) pids.push(pid);
  }
  return pids;
}

/** Keeps running, printing each server's pid, state changes (with the new pid) and reloads of the config file when it is saved, until Ctrl-C. */
async function watch(
  manager: MCPConnectionManager,
  status: Record<string, ServerStatus>,
  say: (line: string) => void,
  config: { file: string; env: Record<string, string | undefined> },
): Promise<void> {
  const rows = await Promise.all(
    Object.entries(status).map(async ([name, s]) => [
      name,
      s.state,
      s.transport === 'stdio' ? String((await pidOf(manager, name)) ?? '') : `(${s.transport})`,
    ]),
  );
  say(`\n${table(['server', 'state', 'pid'], rows)}`);
  // Watching before saying so: whoever reads the line may save at once.
  const stopWatching = manager.watch(config.file, { env: config.env });
  say(
    `\nWatching (kill a server pid from another terminal to see it come back; edit ${config.file} to reload it); Ctrl-C to stop.`,
  );
  manager.on('configReloaded', (r) => {
    const parts = (['added', 'removed', 'restarted', 'enabled', 'disabled', 'refiltered', 'kept'] as const)
      .filter((k) => r[k].length > 0)
      .map((k) => `${k} ${r[k].join(', ')}`);
    const refused = r.refused.map((e) => `refused ${e.server} (${firstLine(e.error.message)})`);
    say(`${new Date().toISOString()}  config reloaded: ${[...parts, ...refused].join('; ') || 'no change'}`);
  });
  manager.on('configReloadFailed', (e) =>
    say(
      `${new Date().toISOString()}  config change refused, the running config stays: ${firstLine(e.error.message)}`,
    ),
  );
  manager.on('serverStateChanged', (e) => {
    const line = `${new Date().toISOString()}  ${e.server}: ${e.previous} → ${e.state}${e.error ? ` (${firstLine(e.error.message)})` : ''}`;
    if (e.state !== 'connected') return say(line);
    void pidOf(manager, e.server).then((pid) => say(pid ? `${line}, pid ${pid}` : line));
  });
  return new Promise((resolve) => {
    const stop = () => {
      stopWatching();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function summarise(result: CallToolResult): string {
  const text = result.content
    .map((c) => (c.type === 'text' ? String(c.text) : `[${c.type}]`))
    .join(' ')
    .replace(/\s+/g, ' ');
  return clip(text, 100);
}

function wrap(names: string[]): string {
  const lines: string[] = [];
  let line = ' ';
  for (const name of names) {
    if (line.length + name.length > 100) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${name}`;
  }
  lines.push(line);
  return lines.join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof MCPError ? error.message : error instanceof Error ? error.message : String(error);
    console.error(`FAILED: ${firstLine(message)}`);
    if (error instanceof MCPError && message.includes('\n'))
      console.error(message.split('\n').slice(1).join('\n'));
    process.exitCode = 1;
  },
);
