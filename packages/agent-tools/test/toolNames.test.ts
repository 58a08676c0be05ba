import { MCPStdioClient } from '@org/mcp-transport-stdio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  anthropicTools,
  geminiTools,
  openaiChatTools,
  TOOL_NAME_RULES,
  type ToolWarning,
} from '../src/index.js';
import { awkwardToolsFile, schemaServer } from './servers.js';

// One client (no manager): the tools keep their own names, which MCP allows to be longer and freer than
// the model APIs do, so each target's name rule is what decides.
let client: MCPStdioClient;
beforeAll(async () => {
  client = new MCPStdioClient({
    command: process.execPath,
    args: [schemaServer],
    env: { TOOLS_FILE: awkwardToolsFile },
  });
  await client.connect();
});
afterAll(() => client?.disconnect());

const LONG = 'a_tool_name_that_goes_on_and_on_past_the_sixty_four_characters_limit';

it('leaves out, with a warning naming the tool and the rule, a name over 64 characters and one with a dot', async () => {
  const seen: ToolWarning[] = [];
  const openai = await openaiChatTools(client, { onWarning: (warning) => seen.push(warning) });
  const names = openai.tools.map((tool) => tool.function.name);
  expect(names).toContain('refs_and_defs');
  expect(names).not.toContain(LONG);
  expect(names).not.toContain('1st.dotted');
  expect(openai.warnings).toEqual(
    expect.arrayContaining([
      {
        target: 'openai-chat',
        tool: LONG,
        reason: `its name is ${LONG.length} characters long, over the limit of 64`,
      },
      {
        target: 'openai-chat',
        tool: '1st.dotted',
        reason: `its name does not match ${TOOL_NAME_RULES.openai}`,
      },
    ]),
  );
  expect(seen).toEqual(openai.warnings);
});

it("applies each target's own rule: Gemini takes a dot but not a leading digit; Anthropic takes neither", async () => {
  const gemini = await geminiTools(client);
  expect(gemini.warnings.map((w) => w.tool)).toEqual(expect.arrayContaining([LONG, '1st.dotted']));
  const anthropic = await anthropicTools(client);
  expect(anthropic.warnings.map((w) => w.tool)).toEqual(expect.arrayContaining([LONG, '1st.dotted']));
  expect(TOOL_NAME_RULES.gemini.test('fs.read_file')).toBe(true);
  expect(TOOL_NAME_RULES.gemini.test('1fs')).toBe(false);
  expect(TOOL_NAME_RULES.anthropic.test('fs.read_file')).toBe(false);
});

it('calls a tool of one client by its own name', async () => {
  const openai = await openaiChatTools(client);
  expect(
    JSON.parse((await openai.execute('refs_and_defs', '{"color":"red"}', { callId: 'c' })).content),
  ).toEqual({
    color: 'red',
  });
});
