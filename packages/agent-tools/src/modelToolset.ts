import type { Converted } from './acceptTools.js';
import { acceptTools, type TargetRules } from './acceptTools.js';
import { modelCall } from './modelCall.js';
import type { AgentToolsOptions } from './options.js';
import type { ToolOutcome } from './results/toolOutcome.js';
import type { ExecuteOptions } from './runModelToolCall.js';
import type { AgentToolSource, ToolAbout } from './toolSource.js';
import { openSource } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

/** One model API's tool list and the way back: `tools` to send, `execute` for each call the model makes. */
export interface ModelToolset<Definition, Result, Options extends ExecuteOptions = ExecuteOptions> {
  /** The definitions, in the source's order. */
  readonly tools: Definition[];
  /** The tools left out, each with its reason. */
  readonly warnings: ToolWarning[];
  /** A tool's annotations and its server's trust, for an approval step before `execute`; undefined for a name not sent. */
  about(name: string): ToolAbout | undefined;
  /**
   * Runs a model's tool call through the manager (or client) and answers in the API's tool-result shape.
   * `args` is the model's arguments, a JSON string or an object. Errors the model should read (unknown
   * tool, bad arguments, the server failing) are error results; an abort rejects with MCPAbortError.
   */
  execute(name: string, args: unknown, options: Options): Promise<Result>;
}

/** How one model API writes a definition and a result. */
export interface ModelApi<Definition, Result, Options extends ExecuteOptions> extends TargetRules {
  definition(tool: Converted): Definition;
  result(outcome: ToolOutcome, call: Options & { name: string }): Result;
}

export async function modelToolset<Definition, Result, Options extends ExecuteOptions>(
  source: AgentToolSource,
  api: ModelApi<Definition, Result, Options>,
  options?: AgentToolsOptions,
): Promise<ModelToolset<Definition, Result, Options>> {
  const open = openSource(source);
  const accepted = await acceptTools(open, api, options);
  const run = modelCall(open, accepted, options);
  return {
    tools: accepted.converted.map((tool) => api.definition(tool)),
    warnings: accepted.warnings,
    about: accepted.about,
    async execute(name, args, callOptions) {
      return api.result(await run(name, args, callOptions), { ...callOptions, name });
    },
  };
}
