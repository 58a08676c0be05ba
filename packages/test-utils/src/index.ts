// Test helpers shared by the workspace's packages (private).
export {
  everythingBin,
  filesystemBin,
  loopbackPreload,
  type RunningHttpServer,
  startEverything,
  startHttpServerProcess,
} from './everything.js';
export { listenLoopback, readJson, type TestHttpServer } from './httpServer.js';
export { descendantsOf, isAlive, isGroupAlive, openFdCount, waitUntil } from './processes.js';
