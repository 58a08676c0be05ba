import { fileURLToPath } from 'node:url';
import { everythingBin } from '@org/test-utils';
import type { MCPServersConfig } from '../src/index.js';

/** The feature fixture (a server named `catalog`): resources, templates, prompts and logs on request (see its header). */
export const featureServer = fileURLToPath(new URL('./fixtures/featureServer.mjs', import.meta.url));

/** server-everything and the feature fixture, both over stdio: their resource, template and prompt names collide. */
export const everythingAndCatalog: MCPServersConfig = {
  mcpServers: {
    everything: { command: process.execPath, args: [everythingBin(), 'stdio'] },
    catalog: { command: process.execPath, args: [featureServer] },
  },
};
