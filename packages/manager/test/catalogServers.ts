import { fileURLToPath } from 'node:url';
import { everythingBin } from '@org/test-utils';
import type { MCPServersConfig } from '../src/index.js';

/** The catalog fixture: resources, templates, prompts and logs on request (see its header). */
export const catalogServer = fileURLToPath(new URL('./fixtures/catalogServer.mjs', import.meta.url));

/** server-everything and the catalog fixture, both over stdio: their resource, template and prompt names collide. */
export const everythingAndCatalog: MCPServersConfig = {
  mcpServers: {
    everything: { command: process.execPath, args: [everythingBin(), 'stdio'] },
    catalog: { command: process.execPath, args: [catalogServer] },
  },
};
