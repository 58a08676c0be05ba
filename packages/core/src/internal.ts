// Shared by the sibling packages of the stack, not by users: no stability promise. Users import '@org/mcp-core'.
export { capabilitiesFor } from './client/clientOptions.js';
export {
  networkOf,
  type RemoteTransportBase,
  remoteClient,
  remoteClientOptions,
} from './client/remoteClientOptions.js';
export { callThroughHooks } from './client/toolCallHooks.js';
export { type EraChoice, eraCache } from './era/eraCache.js';
export { META, MODERN_ERROR } from './era/modernEra.js';
export { eraOf } from './era/protocolVersion.js';
export {
  LEGACY_SSE_STATUSES,
  type RemoteTransportKind,
  remoteTransportCache,
} from './era/remoteTransportCache.js';
export { MAX_PAGES, paginate } from './lists/paginate.js';
export { classifyMessage, isErrorResponse, type MessageKind } from './protocol/jsonrpc.js';
export { resultOrToolError } from './results/toolResultError.js';
export { runAsTask } from './tasks/runAsTask.js';
export { type Deadline, deadline } from './util/deadline.js';
export { describeUrl, parseHttpUrl } from './util/httpUrl.js';
export { DEFAULT_MAX_RETRIES, type RetryOptions, retry } from './util/retry.js';
export { settled } from './util/settled.js';
export { sleep } from './util/sleep.js';
