import type { ServerView, ToolView } from '../server/fleetState.js';
import type { LogEntry } from '../server/recentLogs.js';

export type { LogEntry, ServerView, ToolView };

/** The run's token, written into the page by the console. */
const token = document.querySelector<HTMLMetaElement>('meta[name="console-token"]')?.content ?? '';

/** An answer of the console's API that is an error: its code and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-console-token': token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { error?: { code: string; message: string } };
  if (!response.ok)
    throw new ApiError(answer.error?.code ?? String(response.status), answer.error?.message ?? '');
  return answer;
}

export interface CallResult {
  content?: Array<Record<string, unknown>>;
  structuredContent?: unknown;
  isError?: boolean;
  [key: string]: unknown;
}

export interface OpenedView {
  id: string;
  server: string;
  uri: string;
  allow: string;
  prefersBorder?: boolean;
}

export const api = {
  state: () => call<ServerView[]>('/api/state'),
  tools: () => call<ToolView[]>('/api/tools'),
  logs: (server: string) => call<LogEntry[]>(`/api/logs?server=${encodeURIComponent(server)}`),
  callTool: (tool: string, args: object) => call<CallResult>('/api/call', { tool, args }),
  openView: (tool: string) => call<OpenedView>('/api/views', { tool }),
  appCall: (viewTool: string, name: string, args: object) =>
    call<CallResult>('/api/app/call', { viewTool, name, args }),
  appRead: (viewTool: string, uri: string) =>
    call<Record<string, unknown>>('/api/app/read', { viewTool, uri }),
  events: () => new EventSource(`/api/events?t=${encodeURIComponent(token)}`),
};
