import type { QualifiedTool } from '@org/mcp-manager';

/** One sensible call per server: known tools get real arguments, others one that needs none. */
export function pickToolCall(
  tools: readonly QualifiedTool[],
  server: string,
  demoDir: string | undefined,
): { tool: QualifiedTool; args: Record<string, unknown> } | undefined {
  const mine = tools.filter((t) => t.serverName === server);
  const echo = mine.find((t) => t.originalName === 'echo');
  if (echo) return { tool: echo, args: { message: `hello from the demo to ${server}` } };
  const list = mine.find((t) => t.originalName === 'list_directory');
  if (list && demoDir) return { tool: list, args: { path: demoDir } };
  const noArgs = mine.find((t) => {
    const required = (t.inputSchema as { required?: unknown[] } | undefined)?.required;
    return !required || required.length === 0;
  });
  return noArgs ? { tool: noArgs, args: {} } : undefined;
}
