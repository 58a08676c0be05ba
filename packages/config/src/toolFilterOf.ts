import type { ToolFilterConfig } from '@org/mcp-core';
import type { McpServerEntry } from './mcpConfigSchema.js';

/**
 * The tool filter keys of an entry, as core names them: `includeTools`, `excludeTools`, `disabledTools`, `taskTools`
 * as written; `autoApprove` and Roo Code's `alwaysAllow` joined into `autoApprove`. Keys not written stay absent.
 */
export function toolFilterOf(entry: McpServerEntry): ToolFilterConfig {
  const approved = [...(entry.autoApprove ?? []), ...(entry.alwaysAllow ?? [])];
  return {
    ...(entry.includeTools !== undefined && { includeTools: entry.includeTools }),
    ...(entry.excludeTools !== undefined && { excludeTools: entry.excludeTools }),
    ...(entry.disabledTools !== undefined && { disabledTools: entry.disabledTools }),
    ...(entry.taskTools !== undefined && { taskTools: entry.taskTools }),
    ...((entry.autoApprove !== undefined || entry.alwaysAllow !== undefined) && { autoApprove: approved }),
  };
}
