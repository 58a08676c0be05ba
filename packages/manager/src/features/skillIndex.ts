import type { MCPClient } from '@org/mcp-core';
import { type LoadedSkill, type Skill, SkillsClient, type SkillsOptions } from '@org/mcp-skills';
import { FeatureIndex, type FeatureIndexSettings, type FeatureServers } from './featureIndex.js';
import { type QualifiedSkill, SKILLS } from './featureKinds.js';

export type { QualifiedSkill } from './featureKinds.js';

/** What the index needs of the manager: the connected servers, and one server's live client (or why not). */
export interface SkillServers extends FeatureServers {
  liveClient(server: string): MCPClient;
}

/**
 * Every connected server's skills under names made as tool names are (the `toolNaming` policy), so that a
 * skill never shadows another server's skill of the same name. Kept from the last listing, which asks every
 * server that declares the extension afresh (a FeatureIndex of SKILLS). Loading reads through the skill's own
 * server only.
 */
export class SkillIndex {
  private readonly index: FeatureIndex<Skill, SkillsOptions>;

  constructor(
    private readonly servers: SkillServers,
    settings: FeatureIndexSettings,
  ) {
    this.index = new FeatureIndex(SKILLS, servers, settings);
  }

  list(options?: SkillsOptions): Promise<QualifiedSkill[]> {
    return this.index.list(options);
  }

  /** The skill of that name in the last listing, listing again once if it is not there. */
  get(qualifiedName: string, options?: SkillsOptions): Promise<QualifiedSkill> {
    return this.index.find(qualifiedName, options);
  }

  async load(qualifiedName: string, options?: SkillsOptions): Promise<LoadedSkill> {
    const skill = await this.get(qualifiedName, options);
    return new SkillsClient(this.servers.liveClient(skill.serverName), options).load(skill);
  }
}
