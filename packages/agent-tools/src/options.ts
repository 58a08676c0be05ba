import type { Logger } from '@org/mcp-core';
import type { ResultBoundOptions } from './results/boundOutcome.js';
import type { ToolAbout } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

/** Options of every function that converts a source's tools for one target. */
export interface AgentToolsOptions extends ResultBoundOptions {
  /** Called once for each tool left out. Default: none (the warnings are also on the result and logged). */
  onWarning?: (warning: ToolWarning) => void;
  /** A pino-shaped logger; each tool left out is a `warn` line. Default: silent. */
  logger?: Logger;
  /** Only the tools this returns true for; `about` has the tool's annotations and its server's trust. Default: all. */
  filter?: (name: string, about: ToolAbout) => boolean;
}
