import { ErrorCode, MCPError, type MCPErrorCode } from '@org/mcp-core';
import { SkillsClient } from '@org/mcp-skills';
import type { MCPHttpClient } from '@org/mcp-transport-http';
import { authorizedSession } from './authScenarios.js';
import { connect, type ScenarioEnv } from './connect.js';
import { machineAuthRun } from './machineAuth.js';
import { acceptingHandlers, confirmingHandlers } from './serverRequests.js';

/** What the client does for one scenario, on the public API only; it throws to fail the run. */
export type ScenarioRun = (url: string, env: ScenarioEnv) => Promise<void>;

async function withClient(
  url: string,
  options: Parameters<typeof connect>[1],
  body: (client: MCPHttpClient) => Promise<void>,
): Promise<void> {
  const client = await connect(url, options);
  try {
    await body(client);
  } finally {
    await client.disconnect();
  }
}

/** Connect and list tools: what a caller does first, and all that several scenarios look at. */
const connectAndList: ScenarioRun = (url) =>
  withClient(url, {}, async (client) => {
    await client.getTools();
  });

const toolsCall: ScenarioRun = (url) =>
  withClient(url, {}, async (client) => {
    const tools = await client.getTools();
    if (!tools.some((tool) => tool.name === 'add_numbers')) throw new Error('no add_numbers tool');
    await client.callTool('add_numbers', { a: 5, b: 3 });
  });

/** Calls the one tool a mock offers to make the server send its request or its stream. */
function callOnly(toolName: string, options: Parameters<typeof connect>[1] = {}): ScenarioRun {
  return (url) =>
    withClient(url, options, async (client) => {
      const tools = await client.getTools();
      if (!tools.some((tool) => tool.name === toolName)) throw new Error(`no ${toolName} tool`);
      await client.callTool(toolName, {});
    });
}

const elicitationDefaults = callOnly('test_client_elicitation_defaults', {
  capabilities: { elicitation: { form: { applyDefaults: true } } },
  handlers: { 'elicitation/create': acceptingHandlers['elicitation/create']! },
});

/** Declares roots, sampling and elicitation (through their handlers), as the mock's checks want. */
const requestMetadata: ScenarioRun = (url) =>
  withClient(url, { handlers: acceptingHandlers }, async (client) => {
    await client.getTools();
  });

/** One request of every kind that carries Mcp-Method, and Mcp-Name where it applies. */
const standardHeaders: ScenarioRun = (url) =>
  withClient(url, {}, async (client) => {
    const [tool] = await client.getTools();
    if (tool) await client.callTool(tool.name, {});
    const [resource] = await client.listResources();
    if (resource) await client.readResource(resource.uri);
    const [prompt] = await client.listPrompts();
    if (prompt) await client.request('prompts/get', { name: prompt.name, arguments: {} });
  });

const customHeaders: ScenarioRun = (url, env) =>
  withClient(url, {}, async (client) => {
    await client.getTools();
    const calls = (env.context.toolCalls ?? []) as { name: string; arguments?: Record<string, unknown> }[];
    for (const call of calls) await client.callTool(call.name, call.arguments ?? {});
  });

/** The mock offers tools with broken x-mcp-header declarations: the client must leave them out. */
const invalidToolHeaders: ScenarioRun = (url) =>
  withClient(url, {}, async (client) => {
    for (const tool of await client.getTools()) {
      await client.callTool(tool.name, { region: 'us-west1' }).catch((error: unknown) => {
        console.error(`call ${tool.name} rejected: ${String(error)}`);
      });
    }
  });

const requestState: ScenarioRun = (url) =>
  withClient(url, { handlers: confirmingHandlers }, async (client) => {
    await client.getTools();
    await client.callTool('test_mrtr_echo_state', {});
    await client.callTool('test_mrtr_no_state', {});
    await client.callTool('test_mrtr_unrelated', {});
    // A result without resultType: the mock checks it is not retried; refusing it locally is fine.
    await client.callTool('test_mrtr_no_result_type', {}).catch((error: unknown) => {
      console.error(`test_mrtr_no_result_type rejected: ${String(error)}`);
    });
  });

/** Hands the tool's inputSchema, as the client holds it, back to the mock to compare keyword by keyword. */
const schemaPreservation: ScenarioRun = (url) =>
  withClient(url, {}, async (client) => {
    const tools = await client.getTools();
    const focal = tools.find((tool) => tool.name === 'json_schema_2020_12_tool');
    if (!focal) throw new Error('no json_schema_2020_12_tool');
    await client.callTool('json_schema_echo', { schema: focal.inputSchema });
  });

/** Lists the server's skills and stops there, as a host building its registry does: nothing is read yet. */
const skillsListOnly: ScenarioRun = (url) =>
  withClient(url, {}, async (client) => {
    const skills = await new SkillsClient(client).list();
    console.log(`listed ${skills.map((skill) => skill.uri).join(', ')}; loaded none`);
  });

/**
 * Loads every listed skill and reads its files, as a host acting on them would. The mock serves a tampered
 * SKILL.md: the library must refuse it with `code`, so that no supporting file is read after it.
 */
function skillsRefuse(code: MCPErrorCode): ScenarioRun {
  return (url) =>
    withClient(url, {}, async (client) => {
      const skills = new SkillsClient(client);
      for (const skill of await skills.list()) {
        const loaded = await skills.load(skill).catch((error: unknown) => {
          if (error instanceof MCPError && error.code === code) return undefined;
          throw error;
        });
        if (!loaded) {
          console.log(`refused ${skill.uri}: ${code}`);
          continue;
        }
        for (const file of loaded.skill.resources === 'dynamic' ? [] : loaded.skill.resources)
          await loaded.readFile(file.uri);
        throw new Error(
          `${skill.uri} loaded: the library accepted a SKILL.md it should have refused with ${code}`,
        );
      }
    });
}

/** Scenario name → run. Scenarios not listed get `connectAndList`; `auth/*` ones an authorized session. */
export const SCENARIOS: Record<string, ScenarioRun> = {
  initialize: connectAndList,
  tools_call: toolsCall,
  'elicitation-sep1034-client-defaults': elicitationDefaults,
  'sse-retry': callOnly('test_reconnection'),
  'request-metadata': requestMetadata,
  'http-standard-headers': standardHeaders,
  'http-custom-headers': customHeaders,
  'http-invalid-tool-headers': invalidToolHeaders,
  'sep-2322-client-request-state': requestState,
  'json-schema-ref-no-deref': connectAndList,
  'json-schema-2020-12-preservation': schemaPreservation,
  'sep-2640-client-no-prefetch': skillsListOnly,
  'sep-2640-client-verify-digest': skillsRefuse(ErrorCode.SKILL_FILE_DIGEST_MISMATCH),
  'sep-2640-client-verify-size': skillsRefuse(ErrorCode.SKILL_FILE_SIZE_MISMATCH),
  'sep-2640-client-verify-frontmatter': skillsRefuse(ErrorCode.SKILL_FRONTMATTER_MISMATCH),
};

export function scenarioRun(name: string): ScenarioRun {
  if (Object.hasOwn(SCENARIOS, name)) return SCENARIOS[name]!;
  return machineAuthRun(name) ?? (name.startsWith('auth/') ? authorizedSession : connectAndList);
}
