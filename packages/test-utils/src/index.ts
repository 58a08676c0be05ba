// Test helpers shared by the workspace's packages (private).

export { type CapturedLine, type CapturingLogger, captureLogger } from './captureLogger.js';
export {
  type EraTestClient,
  expectCancelReachesServer,
  expectFollowsToolChanges,
  expectWorksInEra,
  subscriptionAcknowledged,
} from './eraConformance.js';
export {
  everythingBin,
  filesystemBin,
  loopbackPreload,
  type RunningHttpServer,
  startEverything,
  startHttpServerProcess,
} from './everything.js';
export { listenLoopback, readJson, type TestHttpServer } from './httpServer.js';
export {
  INVALID_HEADER_TOOL,
  MODERN_ONLY_ENV,
  OFFICIAL_MODERN_TOOLS,
  officialModernServerScript,
  startOfficialModern,
} from './officialModern.js';
export { descendantsOf, isAlive, isGroupAlive, openFdCount, waitUntil } from './processes.js';
