import {
  BaseMCPClient,
  type ClientOptions,
  type GetPromptResult,
  type JSONRPCNotification,
  type MCPClient,
  type MCPServerConfig,
  type Prompt,
  type RequestOptions,
} from '@org/mcp-core';
import type { ManagerEvents, ResourceUpdate } from '../managerEvents.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { FeatureIndex, type FeatureIndexSettings } from './featureIndex.js';
import {
  type NamedResource,
  type NamedResourceTemplate,
  PROMPTS,
  RESOURCE_TEMPLATES,
  RESOURCES,
} from './featureKinds.js';
import { ResourceAccess, type ResourceServers, type ServerRoute } from './resourceAccess.js';
import { ServerLogs } from './serverLogs.js';
import { SkillIndex, type SkillServers } from './skillIndex.js';

/** What the features need of the manager. */
export interface FeatureHost extends SkillServers, Pick<ResourceServers, 'client' | 'using'> {
  emit<E extends 'resourcesChanged' | 'promptsChanged' | 'resourceUpdated' | 'serverLog'>(
    event: E,
    payload: ManagerEvents[E],
  ): void;
}

/**
 * What the manager offers across servers besides tools: skills, resources, resource templates and prompts
 * (listed as tools are, routed back to their server), resource subscriptions and the servers' own logs. It hears
 * each client's notifications from its creation on, so a log sent while a server starts is not lost.
 */
export class ServerFeatures {
  readonly resources: FeatureIndex<NamedResource>;
  readonly templates: FeatureIndex<NamedResourceTemplate>;
  readonly prompts: FeatureIndex<Prompt>;
  readonly skills: SkillIndex;
  readonly access: ResourceAccess;
  readonly logs: ServerLogs;
  /** The servers connected now that offer resources / prompts, to say when they go. */
  private readonly offering = new Map<string, { resources: boolean; prompts: boolean }>();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly host: FeatureHost,
  ) {
    const { logger } = options;
    const settings: FeatureIndexSettings = {
      policy: options.toolNaming,
      concurrency: options.connectConcurrency,
      limits: options.clientOptions?.listLimits,
      logger,
    };
    this.skills = new SkillIndex(host, settings);
    this.resources = new FeatureIndex(RESOURCES, host, settings);
    this.templates = new FeatureIndex(RESOURCE_TEMPLATES, host, settings);
    this.prompts = new FeatureIndex(PROMPTS, host, settings);
    const resourceHost = { ...host, emit: (update: ResourceUpdate) => host.emit('resourceUpdated', update) };
    this.access = new ResourceAccess(this.resources, resourceHost, logger);
    this.logs = new ServerLogs(logger, options.serverLogLevel, (log) => host.emit('serverLog', log));
  }

  /** The createClient a server's connects use: the configured one, each client's notifications routed here. */
  createClientFor(server: string): (config: MCPServerConfig, options: ClientOptions) => MCPClient {
    const create = this.options.createClient;
    return (config, clientOptions) => {
      const client = create(config, clientOptions);
      client.on('notification', (notification) => this.received(server, client, notification));
      return client;
    };
  }

  /** A new connection of `server` is live. */
  connected(server: string, client: MCPClient): void {
    const offers = { resources: this.resources.offers(client), prompts: this.prompts.offers(client) };
    this.offering.set(server, offers);
    this.logs.apply(server, client);
    this.access.resubscribe(server, client);
    if (offers.resources) this.host.emit('resourcesChanged', { server });
    if (offers.prompts) this.host.emit('promptsChanged', { server });
  }

  /** `server`'s connection is gone (or it was removed). */
  disconnected(server: string): void {
    const offers = this.offering.get(server);
    this.offering.delete(server);
    if (offers?.resources) this.host.emit('resourcesChanged', { server });
    if (offers?.prompts) this.host.emit('promptsChanged', { server });
  }

  removed(server: string): void {
    this.disconnected(server);
    for (const index of [this.resources, this.templates, this.prompts]) index.delete(server);
    this.access.forget(server);
    this.logs.forget(server);
  }

  /** Gets a prompt from its server, reached through `route` (a user's view routes to that user's connection). */
  async getPrompt(
    qualifiedName: string,
    args: Record<string, string> = {},
    options?: RequestOptions,
    route: ServerRoute = this.host,
  ): Promise<GetPromptResult> {
    const prompt = await this.prompts.find(qualifiedName);
    return route.using(prompt.serverName, async () => {
      const client = await route.client(prompt.serverName, qualifiedName, options?.signal);
      const params = { name: prompt.originalName, arguments: args };
      // The stack's clients check the result's shape; a custom client answers as it answers.
      if (client instanceof BaseMCPClient) return client.getPrompt(prompt.originalName, args, options);
      return client.request<GetPromptResult>('prompts/get', params, options);
    });
  }

  private received(server: string, client: MCPClient, { method, params }: JSONRPCNotification): void {
    if (method === 'notifications/message') this.logs.received(server, params);
    else if (method === 'notifications/resources/updated') this.access.updated(server, params);
    else if (method === 'notifications/resources/list_changed') {
      void Promise.all([this.resources.changed(server, client), this.templates.changed(server, client)]).then(
        () => this.host.emit('resourcesChanged', { server }),
      );
    } else if (method === 'notifications/prompts/list_changed') {
      void this.prompts.changed(server, client).then(() => this.host.emit('promptsChanged', { server }));
    }
  }
}
