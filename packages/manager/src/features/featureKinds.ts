import {
  type ListLimits,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ManagerErrorCode,
  type MCPClient,
  MCPError,
  type MCPErrorCode,
  type Prompt,
  type Resource,
  type ResourceTemplate,
} from '@org/mcp-core';
import { paginate } from '@org/mcp-core/internal';
import { type Skill, SkillsClient, type SkillsOptions } from '@org/mcp-skills';
import type { Qualified } from '../tools/toolNaming.js';
import { didYouMean } from '../util/closestName.js';

/** The lists of a catalog entry that the features offer. */
export type CatalogField = 'resources' | 'resourceTemplates' | 'prompts';

/** A resource with a name: its URI when the server gave none. */
export type NamedResource = Resource & { name: string };
/** A resource template with a name: its URI template when the server gave none. */
export type NamedResourceTemplate = ResourceTemplate & { name: string };
/** A server's resource with the name callers use to reach it through the manager. */
export type QualifiedResource = Qualified<NamedResource>;
/** A server's resource template, named as resources are. */
export type QualifiedResourceTemplate = Qualified<NamedResourceTemplate>;
/** A server's prompt with the name callers use to reach it through the manager. */
export type QualifiedPrompt = Qualified<Prompt>;

/** A server's skill with the name callers use to reach it through the manager. */
export type QualifiedSkill = Qualified<Skill>;

/**
 * What the manager lists across servers besides tools: which servers have them, how to list one server's, and
 * the errors about names. `O`: the options of one listing.
 */
export interface FeatureKind<T extends { name: string }, O = never> {
  /** Whether a server offers this kind (declares the capability or extension). */
  offers(client: MCPClient): boolean;
  /** Every page of one server's list. */
  list(client: MCPClient, limits: ListLimits | undefined, options: O | undefined): Promise<T[]>;
  /** The catalog entry's list of this kind, shown for a server on demand while it is not running. */
  readonly cataloged?: CatalogField;
  /** Kept per connection until the server says it changed; else asked afresh at each listing. */
  readonly kept: boolean;
  /** The log message of a server's failed listing. */
  readonly failed: string;
  unknown(qualifiedName: string, hint: string | undefined): MCPError;
  collision(name: string, servers: readonly string[]): MCPError;
}

const quoted = (servers: readonly string[]) => servers.map((s) => `"${s}"`).join(' and ');

/** A kind's errors: `what` names one item ("resource"), `listing` the method that shows the names. */
function namingErrors(
  what: string,
  listing: string,
  codes: { unknown: MCPErrorCode; collision: MCPErrorCode },
): Pick<FeatureKind<never, never>, 'unknown' | 'collision'> {
  return {
    unknown: (name, hint) =>
      new MCPError(
        codes.unknown,
        `No connected server offers a ${what} named "${name}".${didYouMean(hint)} ${listing}() shows the names.`,
      ),
    collision: (name, servers) =>
      new MCPError(
        codes.collision,
        `${what[0]?.toUpperCase()}${what.slice(1)} "${name}" is offered by ${quoted(servers)}. Use toolNaming 'prefix' or 'prefix-on-collision'.`,
      ),
  };
}

const LISTING_FAILED = 'listing failed; the server is left out of the listing';

const RESOURCE_CODES = {
  unknown: ManagerErrorCode.UNKNOWN_RESOURCE,
  collision: ManagerErrorCode.RESOURCE_NAME_COLLISION,
};

export const RESOURCES: FeatureKind<NamedResource> = {
  cataloged: 'resources',
  offers: (client) => client.serverCapabilities?.resources !== undefined,
  kept: true,
  failed: LISTING_FAILED,
  list: (client, limits) =>
    paginate(
      client,
      'resources/list',
      ListResourcesResultSchema,
      (page) => page.resources.map((r) => ({ ...r, name: r.name ?? r.uri })),
      undefined,
      undefined,
      limits,
    ),
  ...namingErrors('resource', 'listResources', RESOURCE_CODES),
};

export const RESOURCE_TEMPLATES: FeatureKind<NamedResourceTemplate> = {
  cataloged: 'resourceTemplates',
  offers: (client) => client.serverCapabilities?.resources !== undefined,
  kept: true,
  failed: LISTING_FAILED,
  list: (client, limits) =>
    paginate(
      client,
      'resources/templates/list',
      ListResourceTemplatesResultSchema,
      (page) => page.resourceTemplates.map((t) => ({ ...t, name: t.name ?? t.uriTemplate })),
      undefined,
      undefined,
      limits,
    ),
  ...namingErrors('resource template', 'listResourceTemplates', RESOURCE_CODES),
};

export const PROMPTS: FeatureKind<Prompt> = {
  cataloged: 'prompts',
  offers: (client) => client.serverCapabilities?.prompts !== undefined,
  kept: true,
  failed: LISTING_FAILED,
  list: (client, limits) =>
    paginate(
      client,
      'prompts/list',
      ListPromptsResultSchema,
      (page) => page.prompts,
      undefined,
      undefined,
      limits,
    ),
  ...namingErrors('prompt', 'listPrompts', {
    unknown: ManagerErrorCode.UNKNOWN_PROMPT,
    collision: ManagerErrorCode.PROMPT_NAME_COLLISION,
  }),
};

export const SKILLS: FeatureKind<Skill, SkillsOptions> = {
  offers: (client) => new SkillsClient(client).supported,
  list: (client, _limits, options) => new SkillsClient(client, options).list(),
  kept: false,
  failed: 'skills/list failed; the server is left out of the listing',
  ...namingErrors('skill', 'listSkills', {
    unknown: ManagerErrorCode.UNKNOWN_SKILL,
    collision: ManagerErrorCode.SKILL_NAME_COLLISION,
  }),
};
