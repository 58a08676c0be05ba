// Shared by the sibling packages of the stack, not by users: no stability promise. Users import '@org/mcp-core'.
export { capabilitiesFor } from './clientOptions.js';
export { type Deadline, deadline } from './deadline.js';
export { type EraChoice, eraCache } from './eraCache.js';
export { describeUrl, parseHttpUrl } from './httpUrl.js';
export { classifyMessage, isErrorResponse, type MessageKind } from './jsonrpc.js';
export { META, MODERN_ERROR } from './modernEra.js';
export { MAX_PAGES, paginate } from './paginate.js';
export { eraOf } from './protocolVersion.js';
export { type RemoteTransportBase, remoteClient, remoteClientOptions } from './remoteClientOptions.js';
export { DEFAULT_MAX_RETRIES, type RetryOptions, retry } from './retry.js';
export { sleep } from './sleep.js';
export { runToolCall } from './toolCallHooks.js';
export { resultOrToolError } from './toolResultError.js';
