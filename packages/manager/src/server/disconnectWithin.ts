import type { MCPClient } from '@org/mcp-core';

/** Disconnects a client, waiting at most `limit` ms; `onOverdue` is told when it took longer. */
export async function disconnectWithin(
  client: MCPClient,
  limit: number,
  onOverdue: () => void,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onOverdue();
      resolve();
    }, limit);
  });
  try {
    await Promise.race([client.disconnect().catch(() => {}), overdue]);
  } finally {
    clearTimeout(timer);
  }
}
