import type { MCPErrorCode } from './errorCodes.js';
import { EXTENSION_ENTRIES } from './extensionEntries.js';
import { STACK_ENTRIES } from './stackEntries.js';
import { TRANSPORT_ENTRIES } from './transportEntries.js';

/** The class an error with a given code is raised as. */
export type MCPErrorClassName =
  | 'MCPError'
  | 'MCPConnectionError'
  | 'MCPTimeoutError'
  | 'MCPAbortError'
  | 'MCPTransportError'
  | 'MCPProtocolError'
  | 'MCPConfigError'
  | 'MCPToolError'
  | 'MCPHookError'
  | 'MCPAuthError';

/** What a code means, the class it comes as, and whether the manager tries again after it. */
export interface ErrorCodeEntry {
  readonly class: MCPErrorClassName;
  /**
   * `true`: another attempt may succeed; `{ exceptStatus }`: retried unless the error's HTTP `status` is one of
   * these, which another attempt with the same config cannot change (credentials, a URL that is not there).
   */
  readonly retry: boolean | { readonly exceptStatus: readonly number[] };
  readonly meaning: string;
}

/**
 * One entry per code (catalogue/: one file per part of the stack); the root README's error table is checked
 * against it by a test. Typed as a total record, so a code without an entry does not compile.
 */
export const ERROR_CATALOGUE: Readonly<Record<MCPErrorCode, ErrorCodeEntry>> = {
  ...TRANSPORT_ENTRIES,
  ...STACK_ENTRIES,
  ...EXTENSION_ENTRIES,
};
