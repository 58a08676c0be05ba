// Test helpers shared by the workspace's packages (private).

export * from '@org/mcp-demo-servers';
export { type CapturedLine, captureLogger } from './captureLogger.js';
export {
  expectCancelReachesServer,
  expectFollowsToolChanges,
  expectWorksInEra,
  subscriptionAcknowledged,
} from './eraConformance.js';
export { forceGc, whileCollecting } from './forceGc.js';
export { listenLoopback, readJson, type TestHttpServer } from './httpServer.js';
export {
  packagesLoadedByImport,
  packagesOf,
  urlsLoadedBy,
} from './importGraph/packagesLoadedByImport.js';
export { type Daemon, startDaemon } from './network/daemon.js';
export { freePort, waitForPort } from './network/freePort.js';
export { type Haproxy, startHaproxy } from './network/haproxy.js';
export { createTestPki, type TestPki } from './network/testPki.js';
export { startTinyproxy, type Tinyproxy } from './network/tinyproxy.js';
export { descendantsOf, openFdCount } from './processes.js';
export { type RecordingProxy, type SeenRequest, startRecordingProxy } from './recordingProxy.js';
