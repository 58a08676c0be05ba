/**
 * One base class and one subclass per kind of failure. `code` is a stable string callers can
 * switch on; `name` is fixed so it survives minification; `cause` keeps the underlying error.
 * Messages never carry header or environment values. Codes come from the catalogue (errorCodes.ts).
 * Each class is branded (errorBrand.ts): `instanceof` holds across two installed copies of this package.
 */

import type { CallToolResult } from '../types/mcpTypes.js';
import { serverLabel } from '../util/serverLabel.js';
import { brand, hasBrand } from './errorBrand.js';
import { ConfigErrorCode, CoreErrorCode, type MCPErrorCode } from './errorCodes.js';

export interface MCPErrorOptions {
  /** The configured name of the server the error concerns. */
  serverName?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

export class MCPError extends Error {
  override name = 'MCPError';
  static {
    brand(MCPError, 'MCPError');
  }

  readonly code: MCPErrorCode;
  readonly serverName?: string | undefined;

  /** By brand, not by prototype: an error made by another installed copy of @org/mcp-core counts too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, a subclass too.
    return hasBrand(this, value);
  }

  constructor(code: MCPErrorCode, message: string, options: MCPErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.serverName = options.serverName;
  }
}

/** Failed to connect, peer gone, client not connected, server disabled or unknown. */
export class MCPConnectionError extends MCPError {
  override name = 'MCPConnectionError';
  static {
    brand(MCPConnectionError, 'MCPConnectionError');
  }

  /** Exit code of a stdio server that exited, when known. */
  readonly exitCode?: number | null | undefined;
  /** Signal that ended a stdio server, when known. */
  readonly signal?: string | null | undefined;
  /** The last lines a stdio server wrote to stderr, when known. */
  readonly stderrTail?: string | undefined;
  /**
   * A stdio server that exited: true when it had written nothing at all on stdout, so it never got
   * as far as speaking MCP (a startup failure). The same `exitCode` and `stderrTail` each time make it a permanent one.
   */
  readonly startup?: boolean | undefined;

  constructor(
    code: MCPErrorCode,
    message: string,
    options: MCPErrorOptions & {
      exitCode?: number | null;
      signal?: string | null;
      stderrTail?: string;
      startup?: boolean;
    } = {},
  ) {
    super(code, message, options);
    this.exitCode = options.exitCode;
    this.signal = options.signal;
    this.stderrTail = options.stderrTail;
    this.startup = options.startup;
  }
}

/**
 * Authorization needed or refused (OAuth): discovery, registration, the user's part, tokens, scope.
 * A kind of MCPConnectionError, so handlers of connection failures still catch it; never retried
 * blindly. Carries the authorization server's `error` and `error_description` where it sent them,
 * never a token, code, verifier, secret or key.
 */
export class MCPAuthError extends MCPConnectionError {
  override name = 'MCPAuthError';
  static {
    brand(MCPAuthError, 'MCPAuthError');
  }

  /** The OAuth `error` the server answered with (`invalid_grant`, `insufficient_scope`, ...), if any. */
  readonly oauthError?: string | undefined;
  /** The server's `error_description`, bounded, if any. */
  readonly oauthErrorDescription?: string | undefined;
  /** The HTTP status of the answer that failed, if any. */
  readonly status?: number | undefined;

  constructor(
    code: MCPErrorCode,
    message: string,
    options: MCPErrorOptions & { oauthError?: string; oauthErrorDescription?: string; status?: number } = {},
  ) {
    super(code, message, options);
    this.oauthError = options.oauthError;
    this.oauthErrorDescription = options.oauthErrorDescription;
    this.status = options.status;
  }
}

/** A request or a connect ran past its timeout. */
export class MCPTimeoutError extends MCPError {
  override name = 'MCPTimeoutError';
  static {
    brand(MCPTimeoutError, 'MCPTimeoutError');
  }

  readonly method: string;
  readonly timeout: number;

  constructor(method: string, timeout: number, options: MCPErrorOptions & { message?: string } = {}) {
    const where = options.serverName ? ` on server "${options.serverName}"` : '';
    super(
      CoreErrorCode.REQUEST_TIMEOUT,
      options.message ??
        `Request "${method}"${where} timed out after ${timeout} ms. Raise the timeout option if the server is slow, or check that it is responsive.`,
      options,
    );
    this.method = method;
    this.timeout = timeout;
  }
}

/** The caller's AbortSignal fired before the request or connect completed. */
export class MCPAbortError extends MCPError {
  override name = 'MCPAbortError';
  static {
    brand(MCPAbortError, 'MCPAbortError');
  }

  readonly method: string;

  constructor(method: string, options: MCPErrorOptions = {}) {
    const where = options.serverName ? ` on server "${options.serverName}"` : '';
    super(CoreErrorCode.REQUEST_ABORTED, `Request "${method}"${where} was aborted by the caller.`, options);
    this.method = method;
  }
}

/** A subprocess or HTTP failure, invalid framing or an oversize message. */
export class MCPTransportError extends MCPError {
  override name = 'MCPTransportError';
  static {
    brand(MCPTransportError, 'MCPTransportError');
  }

  /** HTTP status, when the failure was an HTTP response. */
  readonly status?: number | undefined;

  constructor(code: MCPErrorCode, message: string, options: MCPErrorOptions & { status?: number } = {}) {
    super(code, message, options);
    this.status = options.status;
  }
}

/**
 * The server answered with a JSON-RPC error (code `PROTOCOL_ERROR`, with `rpcCode` and `data`), or
 * with something the protocol does not allow (an invalid result: the catalogue code, no `rpcCode`).
 */
export class MCPProtocolError extends MCPError {
  override name = 'MCPProtocolError';
  static {
    brand(MCPProtocolError, 'MCPProtocolError');
  }

  /** The JSON-RPC error code (-32601 method not found, -32602 invalid params, ...), when the server sent one. */
  readonly rpcCode: number | undefined;
  readonly data?: unknown;
  readonly method?: string | undefined;

  /**
   * `new MCPProtocolError(rpcCode, serverMessage)` for a JSON-RPC error the server sent;
   * `(code, message, { rpcCode? })` for a violation (`rpcCode`: what the server is answered with, when it is its request).
   */
  constructor(
    rpcCodeOrCode: number | MCPErrorCode,
    message: string,
    options: MCPErrorOptions & { data?: unknown; method?: string; rpcCode?: number } = {},
  ) {
    if (typeof rpcCodeOrCode === 'string') {
      super(rpcCodeOrCode, message, options);
      this.rpcCode = options.rpcCode;
    } else {
      const where = serverLabel(options.serverName);
      const what = options.method ? ` to "${options.method}"` : '';
      super(
        CoreErrorCode.PROTOCOL_ERROR,
        `${where} answered${what} with JSON-RPC error ${rpcCodeOrCode}: ${message}`,
        options,
      );
      this.rpcCode = rpcCodeOrCode;
    }
    this.data = options.data;
    this.method = options.method;
  }
}

/** One problem found in a configuration, located by its dot path. */
export interface ConfigIssue {
  /** Dot path of the offending field, e.g. `mcpServers.api.url`. */
  path: string;
  message: string;
}

/** Bad configuration: names the file, the server, the field path and what is wrong. */
export class MCPConfigError extends MCPError {
  override name = 'MCPConfigError';
  static {
    brand(MCPConfigError, 'MCPConfigError');
  }

  readonly issues: readonly ConfigIssue[];
  readonly file?: string | undefined;

  constructor(
    message: string,
    options: MCPErrorOptions & { issues?: ConfigIssue[]; file?: string; code?: MCPErrorCode } = {},
  ) {
    const issues = options.issues ?? [];
    const location = options.file ? ` in ${options.file}` : '';
    const detail = issues.length ? `\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}` : '';
    super(options.code ?? ConfigErrorCode.CONFIG_INVALID, `${message}${location}${detail}`, options);
    this.issues = issues;
    this.file = options.file;
  }
}

/** A tool answered with `isError: true` and the caller asked to throw (`throwOnError`): the content comes along. */
export class MCPToolError extends MCPError {
  override name = 'MCPToolError';
  static {
    brand(MCPToolError, 'MCPToolError');
  }

  /** The tool's name as the caller called it. */
  readonly tool: string;
  /** The result's content blocks, as the server sent them. */
  readonly content: CallToolResult['content'];
  /** The whole result (structuredContent, _meta). */
  readonly result: CallToolResult;

  constructor(tool: string, result: CallToolResult, message: string, options: MCPErrorOptions = {}) {
    super(CoreErrorCode.TOOL_RESULT_ERROR, message, options);
    this.tool = tool;
    this.result = result;
    this.content = result.content ?? [];
  }
}

/** A tool-call hook refused a call (TOOL_CALL_REFUSED, with its reason) or threw (HOOK_FAILED, what it threw as `cause`). */
export class MCPHookError extends MCPError {
  override name = 'MCPHookError';
  static {
    brand(MCPHookError, 'MCPHookError');
  }

  /** The hook's name. */
  readonly hook: string;
  /** Where it ran: before the call or after it. */
  readonly stage: 'before' | 'after';
  /** The reason a refusing hook gave. */
  readonly reason?: string | undefined;

  constructor(
    code: MCPErrorCode,
    message: string,
    options: MCPErrorOptions & { hook: string; stage: 'before' | 'after'; reason?: string },
  ) {
    super(code, message, options);
    this.hook = options.hook;
    this.stage = options.stage;
    this.reason = options.reason;
  }
}

/** JSON-RPC error codes the engine uses. */
export const JSONRPC_ERROR = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
} as const;
