import {
  type ListLimits,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ManagerErrorCode,
  type MCPClient,
  MCPError,
  type Prompt,
  type Resource,
  type ResourceTemplate,
} from '@org/mcp-core';
import { paginate } from '@org/mcp-core/internal';
import type { Qualified } from './toolNaming.js';

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

/** What the manager lists across servers besides tools: how to list one server's, and the errors about names. */
export interface CatalogKind<T extends { name: string }> {
  /** The server capability that says it has them. */
  readonly capability: 'resources' | 'prompts';
  /** Every page of one server's list. */
  list(client: MCPClient, limits: ListLimits | undefined): Promise<T[]>;
  unknown(qualifiedName: string, hint: string | undefined): MCPError;
  collision(name: string, servers: readonly string[]): MCPError;
}

const didYouMean = (hint: string | undefined) => (hint ? ` Did you mean "${hint}"?` : '');
const quoted = (servers: readonly string[]) => servers.map((s) => `"${s}"`).join(' and ');

export const RESOURCES: CatalogKind<NamedResource> = {
  capability: 'resources',
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
  unknown: (name, hint) =>
    new MCPError(
      ManagerErrorCode.UNKNOWN_RESOURCE,
      `No connected server offers a resource named "${name}".${didYouMean(hint)} listResources() shows the names; readResource({ server, uri }) reads any URI.`,
    ),
  collision: (name, servers) =>
    new MCPError(
      ManagerErrorCode.RESOURCE_NAME_COLLISION,
      `Resource "${name}" is offered by ${quoted(servers)}. Use toolNaming 'prefix' or 'prefix-on-collision'.`,
    ),
};

export const RESOURCE_TEMPLATES: CatalogKind<NamedResourceTemplate> = {
  capability: 'resources',
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
  unknown: (name, hint) =>
    new MCPError(
      ManagerErrorCode.UNKNOWN_RESOURCE,
      `No connected server offers a resource template named "${name}".${didYouMean(hint)} listResourceTemplates() shows the names.`,
    ),
  collision: (name, servers) =>
    new MCPError(
      ManagerErrorCode.RESOURCE_NAME_COLLISION,
      `Resource template "${name}" is offered by ${quoted(servers)}. Use toolNaming 'prefix' or 'prefix-on-collision'.`,
    ),
};

export const PROMPTS: CatalogKind<Prompt> = {
  capability: 'prompts',
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
  unknown: (name, hint) =>
    new MCPError(
      ManagerErrorCode.UNKNOWN_PROMPT,
      `No connected server offers a prompt named "${name}".${didYouMean(hint)} listPrompts() shows the names.`,
    ),
  collision: (name, servers) =>
    new MCPError(
      ManagerErrorCode.PROMPT_NAME_COLLISION,
      `Prompt "${name}" is offered by ${quoted(servers)}. Use toolNaming 'prefix' or 'prefix-on-collision'.`,
    ),
};
