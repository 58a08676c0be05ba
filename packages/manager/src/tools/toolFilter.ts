import { createRequire } from 'node:module';
import type { Tool, ToolFilterConfig } from '@org/mcp-core';
import type Picomatch from 'picomatch';
import { frozenCopy } from '../util/frozenCopy.js';

/** Where a filter rule was written: the server's config or the manager's `toolFilter` option. */
export type ToolFilterSource = 'server config' | 'manager option';

/** What the config says about one offered tool (never what the server sent). */
export interface ToolConfigFacts {
  /** `autoApprove`: the host may call it without asking. */
  autoApprove: boolean;
  /** The server's `trust`: its annotations are believed. */
  trusted: boolean;
  /** `taskTools`: its calls run as tasks where the server supports them. */
  runAsTask: boolean;
}

/** The tools a server offers through the manager, each with its config facts, and why the others are not. */
export interface FilteredTools {
  /** Frozen copies of the offered tools with the config's facts set. */
  offered: readonly (Tool & ToolConfigFacts)[];
  /** A filtered tool's name on its server → the rule that filtered it, in words. */
  filtered: ReadonlyMap<string, string>;
}

type Matcher = (name: string) => boolean;

interface Rules {
  source: ToolFilterSource;
  include: { patterns: readonly string[]; match: Matcher } | undefined;
  exclude: readonly { key: 'excludeTools' | 'disabledTools'; pattern: string; match: Matcher }[];
  approve: Matcher;
  task: Matcher;
}

/**
 * One server's tool filter: `includeTools` / `excludeTools` globs and `disabledTools` from its config and from
 * the manager's `toolFilter` option (picomatch; a plain name matches itself), the `autoApprove` hints, the
 * `taskTools` marks and the server's `trust`.
 * A tool is offered when it matches an include pattern of every source that has one and no exclude or
 * disabled entry of any. Patterns match the tool's name on its server, never the qualified name.
 */
export class ToolFilter {
  private readonly rules: readonly Rules[];
  private readonly cache = new WeakMap<readonly Tool[], FilteredTools>();

  constructor(
    sources: readonly (readonly [ToolFilterSource, ToolFilterConfig | undefined])[],
    private readonly trusted = false,
  ) {
    this.rules = sources.map(([source, config]) => rulesOf(source, config));
  }

  /** The filter applied to a list; the same list gives the same (cached) answer. */
  apply(tools: readonly Tool[]): FilteredTools {
    if (tools.length === 0) return NOTHING_OFFERED;
    const cached = this.cache.get(tools);
    if (cached) return cached;
    const offered: (Tool & ToolConfigFacts)[] = [];
    const filtered = new Map<string, string>();
    for (const tool of tools) {
      const rule = this.ruleAgainst(tool.name);
      if (rule) filtered.set(tool.name, rule);
      else offered.push(frozenCopy(Object.assign({}, tool, this.factsOf(tool.name))));
    }
    const result = {
      offered: Object.freeze(offered),
      filtered: filtered.size > 0 ? filtered : NONE_FILTERED,
    };
    this.cache.set(tools, result);
    return result;
  }

  private factsOf(name: string): ToolConfigFacts {
    return {
      autoApprove: this.rules.some((r) => r.approve(name)),
      trusted: this.trusted,
      runAsTask: this.rules.some((r) => r.task(name)),
    };
  }

  /** The rule that keeps `name` out, in words, or undefined when it is offered. */
  private ruleAgainst(name: string): string | undefined {
    for (const { source, include, exclude } of this.rules) {
      if (include && !include.match(name))
        return `includeTools of the ${source} (${include.patterns.map((p) => JSON.stringify(p)).join(', ')}) does not match it`;
      for (const { key, pattern, match } of exclude)
        if (match(name)) return `${key} pattern ${JSON.stringify(pattern)} of the ${source} matches it`;
    }
    return undefined;
  }
}

/** No tool filtered out (most lists): one empty map for all of them. */
const NONE_FILTERED: ReadonlyMap<string, string> = new Map();
/** What any filter makes of an empty list (a server not connected): one answer, not one per server. */
const NOTHING_OFFERED: FilteredTools = Object.freeze({ offered: Object.freeze([]), filtered: NONE_FILTERED });

const FILTER_KEYS = ['includeTools', 'excludeTools', 'disabledTools', 'autoApprove', 'taskTools'] as const;
/** A config without filter keys (most servers): one set of rules for all of them. */
const NO_RULES = {
  'server config': compile('server config', {}),
  'manager option': compile('manager option', {}),
};

function rulesOf(source: ToolFilterSource, config: ToolFilterConfig | undefined): Rules {
  if (!config || FILTER_KEYS.every((key) => config[key] === undefined)) return NO_RULES[source];
  return compile(source, config);
}

function compile(source: ToolFilterSource, config: ToolFilterConfig): Rules {
  const include = config.includeTools;
  return {
    source,
    include: include === undefined ? undefined : { patterns: include, match: matcher(include) },
    exclude: [
      ...(config.excludeTools ?? []).map((pattern) => ({
        key: 'excludeTools' as const,
        pattern,
        match: matcher([pattern]),
      })),
      ...(config.disabledTools ?? []).map((pattern) => ({
        key: 'disabledTools' as const,
        pattern,
        match: matcher([pattern]),
      })),
    ],
    approve: matcher(config.autoApprove ?? []),
    task: matcher(config.taskTools ?? []),
  };
}

let picomatch: typeof Picomatch | undefined;

/** Matches a name equal to a pattern or matched by it as a glob. picomatch is loaded at the first pattern, not at import. */
function matcher(patterns: readonly string[]): Matcher {
  if (patterns.length === 0) return () => false;
  const exact = new Set(patterns);
  picomatch ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch;
  // dot: a tool name starting with "." is matched like any other; tool names are not paths.
  const glob = picomatch([...patterns], { dot: true });
  return (name) => exact.has(name) || glob(name);
}
