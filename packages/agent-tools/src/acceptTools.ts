import { isModelVisible, silentLogger, type Tool } from '@org/mcp-core';
import type { AgentToolsOptions } from './options.js';
import type { AcceptedTool } from './runModelToolCall.js';
import type { JsonSchema } from './schema/jsonSchema.js';
import { SchemaUnsupported } from './schema/jsonSchema.js';
import { prepareSchema } from './schema/prepareSchema.js';
import { type NameRule, nameProblem } from './toolNameRules.js';
import type { OpenSource, ToolAbout } from './toolSource.js';
import type { ToolWarning } from './toolWarning.js';

/** How one target takes a tool: its name rule, its schema adapter, whether it is strict. */
export interface TargetRules {
  target: string;
  nameRule?: NameRule;
  /** The target's schema from the prepared one; throws SchemaUnsupported for what it cannot say. */
  schema: (prepared: JsonSchema) => JsonSchema | undefined;
  strict?: boolean;
}

/** A tool the target accepted, with the schema made for it. */
export interface Converted {
  name: string;
  tool: Tool;
  schema: JsonSchema | undefined;
  about: ToolAbout;
}

export interface AcceptedTools {
  converted: Converted[];
  byName: Map<string, AcceptedTool>;
  warnings: ToolWarning[];
  /** What is known about each accepted tool, by its name for the model. */
  about(name: string): ToolAbout | undefined;
}

/**
 * The source's current tools through one target's rules: each tool either converted, or left out with a
 * warning naming the tool and the reason, never sent broken.
 */
export async function acceptTools(
  source: OpenSource,
  rules: TargetRules,
  options: AgentToolsOptions = {},
): Promise<AcceptedTools> {
  const logger = (options.logger ?? silentLogger).child({
    component: 'mcp-agent-tools',
    target: rules.target,
  });
  const abouts = new Map<string, ToolAbout>();
  const accepted: AcceptedTools = {
    converted: [],
    byName: new Map(),
    warnings: [],
    about: (name) => abouts.get(name),
  };
  const leaveOut = (tool: string, reason: string) => {
    const warning = { target: rules.target, tool, reason };
    accepted.warnings.push(warning);
    logger.warn({ tool }, `tool left out: ${reason}`);
    options.onWarning?.(warning);
  };
  for (const { name, tool, about } of await source.list()) {
    if (options.filter && !options.filter(name, about)) continue;
    // MCP Apps: a tool only its server's view may call is never offered to a model.
    if (!isModelVisible(tool)) {
      leaveOut(name, 'its MCP Apps visibility is app only (`_meta.ui.visibility`)');
      continue;
    }
    const badName = rules.nameRule && nameProblem(name, rules.nameRule);
    if (badName) {
      leaveOut(name, badName);
      continue;
    }
    try {
      const prepared = prepareSchema(tool.inputSchema as JsonSchema | undefined);
      accepted.converted.push({ name, tool, schema: rules.schema(prepared), about });
      abouts.set(name, about);
      accepted.byName.set(name, { name, prepared, strict: rules.strict === true });
    } catch (error) {
      if (!(error instanceof SchemaUnsupported)) throw error;
      leaveOut(name, `input schema: ${error.message}`);
    }
  }
  return accepted;
}
