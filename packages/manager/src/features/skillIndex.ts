import { type Logger, ManagerErrorCode, type MCPClient, MCPError } from '@org/mcp-core';
import { type LoadedSkill, type Skill, SkillsClient, type SkillsOptions } from '@org/mcp-skills';
import type { ToolNamingPolicy } from '../managerOptions.js';
import { type Qualified, qualifyTools } from '../tools/toolNaming.js';
import { closestName } from '../util/closestName.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';

/** A server's skill with the name callers use to reach it through the manager. */
export type QualifiedSkill = Qualified<Skill>;

/** What the index needs of the manager: the connected servers, and one server's live client (or why not). */
export interface SkillServers {
  connected(): ReadonlyMap<string, MCPClient>;
  liveClient(server: string): MCPClient;
}

/**
 * Every connected server's skills under names made as tool names are (the `toolNaming` policy), so that a
 * skill never shadows another server's skill of the same name. Kept from the last listing, which asks every
 * server that declares the extension afresh; a server whose listing fails is left out and logged, so one bad
 * server never hides the others' skills. Loading reads through the skill's own server only.
 */
export class SkillIndex {
  private byName = new Map<string, QualifiedSkill>();

  constructor(
    private readonly servers: SkillServers,
    private readonly policy: ToolNamingPolicy,
    private readonly concurrency: number,
    private readonly logger: Logger,
  ) {}

  async list(options?: SkillsOptions): Promise<QualifiedSkill[]> {
    const supporting = [...this.servers.connected()].filter(
      ([, client]) => new SkillsClient(client).supported,
    );
    const listed = await mapWithConcurrency(supporting, this.concurrency, async ([server, client]) => {
      const skills = await new SkillsClient(client, options).list().catch((error: unknown) => {
        this.logger.warn({ server, err: error }, 'skills/list failed; the server is left out of the listing');
        return [];
      });
      return [server, skills] as const;
    });
    const skills = qualifyTools(new Map(listed), this.policy, collisionError);
    this.byName = new Map(skills.map((skill) => [skill.qualifiedName, skill]));
    return skills;
  }

  /** The skill of that name in the last listing, listing again once if it is not there. */
  async get(qualifiedName: string, options?: SkillsOptions): Promise<QualifiedSkill> {
    const skill =
      this.byName.get(qualifiedName) ??
      (await this.list(options)).find((s) => s.qualifiedName === qualifiedName);
    if (skill) return skill;
    const hint = closestName(qualifiedName, this.byName.keys());
    throw new MCPError(
      ManagerErrorCode.UNKNOWN_SKILL,
      `No connected server offers a skill named "${qualifiedName}".${hint ? ` Did you mean "${hint}"?` : ''} listSkills() shows the names.`,
    );
  }

  async load(qualifiedName: string, options?: SkillsOptions): Promise<LoadedSkill> {
    const skill = await this.get(qualifiedName, options);
    return new SkillsClient(this.servers.liveClient(skill.serverName), options).load(skill);
  }
}

function collisionError(skill: string, servers: readonly string[]): MCPError {
  return new MCPError(
    ManagerErrorCode.SKILL_NAME_COLLISION,
    `Skill "${skill}" is offered by ${servers.map((s) => `"${s}"`).join(' and ')}. Use toolNaming 'prefix' or 'prefix-on-collision'.`,
  );
}
