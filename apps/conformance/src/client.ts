#!/usr/bin/env node
// The client under test: `node dist/client.js <server-url>`, scenario in MCP_CONFORMANCE_SCENARIO.
import { readScenarioEnv } from './connect.js';
import { scenarioRun } from './scenarios.js';

/** Below the suite's 30 s timeout, so a hung run ends with our message and exit code, not the suite's kill. */
const DEADLINE_MS = 25_000;

async function main(): Promise<number> {
  const url = process.argv.at(-1);
  const env = readScenarioEnv();
  if (!url || !/^https?:\/\//.test(url) || !env.scenario) {
    console.error('usage: MCP_CONFORMANCE_SCENARIO=<name> client.js <server-url>');
    return 2;
  }
  console.log(`scenario ${env.scenario}, revision under test ${env.protocolVersion ?? '(not given)'}`);
  const deadline = setTimeout(() => {
    console.error(`scenario ${env.scenario}: no result after ${DEADLINE_MS} ms`);
    process.exit(3);
  }, DEADLINE_MS);
  deadline.unref();
  try {
    await scenarioRun(env.scenario)(url, env);
    return 0;
  } catch (error) {
    console.error(`scenario ${env.scenario} failed:`, error);
    return 1;
  }
}

process.exit(await main());
