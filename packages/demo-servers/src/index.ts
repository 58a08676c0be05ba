// Real MCP servers for the demo and the tests to run (private): installed bins, nothing downloaded.

export { basicAppBin, PDF_APP_ONLY_TOOLS, pdfAppBin } from './appServers.js';
export {
  type AuthorizationServer,
  type AuthorizationServerOptions,
  RESOURCE_SCOPES,
  type SeenByAs,
  startAuthorizationServer,
} from './authorizationServer.js';
export type { DPoPResourceOptions } from './dpopResource.js';
export {
  everythingBin,
  filesystemBin,
  loopbackPreload,
  type RunningHttpServer,
  startEverything,
  startHttpServerProcess,
} from './everything.js';
export { fileAdapter } from './fileAdapter.js';
export { type KeyClient, registerKeyClient } from './keyClient.js';
export {
  INVALID_HEADER_TOOL,
  MODERN_ONLY_ENV,
  OFFICIAL_MODERN_TOOLS,
  OUTPUT_SCHEMA_TOOL,
  officialModernServerScript,
  startOfficialModern,
} from './officialModern.js';
export { isAlive, isGroupAlive, waitUntil } from './processes.js';
export {
  type ProtectedMcpServer,
  type SeenByMcp,
  startProtectedMcpServer,
  type TokenIssuer,
} from './protectedMcpServer.js';
export { startRedisServer, type TestRedisServer } from './redisServer.js';
export { samplingToolsServerScript } from './samplingServer.js';
export { SKILLS_FIXTURE, skillsServerScript } from './skills.js';
export { modernTaskServerScript, officialTaskServerScript } from './tasks.js';
