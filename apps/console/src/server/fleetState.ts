import type { MCPConnectionManager, ServerStatus, ToolUi } from '@org/mcp-manager';
import type { CallCounter, CallFigures } from './callFigures.js';

/** One server as the page shows it. */
export interface ServerView extends ServerStatus {
  name: string;
  /** The process id of a stdio server while it runs. */
  pid: number | undefined;
  figures: CallFigures;
}

/** One tool as the page shows it. */
export interface ToolView {
  qualifiedName: string;
  server: string;
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  annotations?: unknown;
  ui: ToolUi;
}

/** Every server's status with its pid and call figures, in the manager's order. */
export async function serverViews(
  manager: MCPConnectionManager,
  figures: CallCounter,
): Promise<ServerView[]> {
  const status = await manager.getServerStatus();
  return Promise.all(
    Object.entries(status).map(async ([name, s]) => ({
      ...s,
      name,
      pid: s.connected ? await pidOf(manager, name) : undefined,
      figures: figures.of(name),
    })),
  );
}

export async function toolViews(manager: MCPConnectionManager): Promise<ToolView[]> {
  return (await manager.listTools()).map((t) => ({
    qualifiedName: t.qualifiedName,
    server: t.serverName,
    name: t.originalName,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema,
    annotations: t.annotations,
    ui: manager.getToolUi(t.qualifiedName),
  }));
}

async function pidOf(manager: MCPConnectionManager, name: string): Promise<number | undefined> {
  try {
    const client = (await manager.getClient(name)) as { pid?: unknown };
    return typeof client.pid === 'number' ? client.pid : undefined;
  } catch {
    return undefined;
  }
}
