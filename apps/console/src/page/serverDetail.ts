import { ApiError, api, type CallResult, type LogEntry, type ToolView } from './api.js';
import { renderApp } from './appFrame.js';
import { h, json } from './dom.js';
import { renderResult } from './resultView.js';

/** One server's panel: the call form, its tools with schemas and annotations, its recent logs. */
export function renderDetail(into: HTMLElement, server: string, tools: ToolView[], logs: LogEntry[]): void {
  const own = tools.filter((t) => t.server === server);
  into.replaceChildren(
    callForm(own),
    h('h3', {}, `Tools (${own.length})`),
    ...own.map(toolDetails),
    h('h3', {}, 'Recent logs and errors'),
    h('ol', { class: 'logs', 'data-role': 'logs' }, ...logs.map(logLine)),
  );
}

export function appendLog(into: HTMLElement, entry: LogEntry): void {
  const list = into.querySelector('[data-role="logs"]');
  if (!list) return;
  list.append(logLine(entry));
  while (list.children.length > 200) list.firstElementChild?.remove();
}

function logLine(e: LogEntry): HTMLElement {
  return h('li', { class: `log-${e.level}` }, `${e.at.slice(11, 23)} ${e.kind} ${e.level} ${e.text}`);
}

function toolDetails(t: ToolView): HTMLElement {
  const appOnly = !t.ui.visibility.includes('model');
  return h(
    'details',
    { class: 'tool', 'data-tool': t.qualifiedName },
    h(
      'summary',
      {},
      h('code', {}, t.name),
      t.ui.resourceUri ? ' · MCP App' : '',
      appOnly ? ' · app only (hidden from models)' : '',
    ),
    t.description ? h('p', {}, t.description) : '',
    t.annotations ? h('div', {}, h('h4', {}, 'Annotations'), h('pre', {}, json(t.annotations))) : '',
    h('h4', {}, 'Input schema'),
    h('pre', {}, json(t.inputSchema ?? {})),
  );
}

function callForm(tools: ToolView[]): HTMLElement {
  const callable = tools.filter((t) => t.ui.visibility.includes('model'));
  if (callable.length === 0)
    return h('p', { class: 'muted' }, 'No tools to call while this server is not connected.');
  const select = h(
    'select',
    { id: 'call-tool', name: 'tool' },
    ...callable.map((t) => h('option', { value: t.qualifiedName }, t.name)),
  );
  const args = h(
    'textarea',
    { id: 'call-args', name: 'args', spellcheck: 'false', 'aria-describedby': 'call-problem' },
    '{}',
  );
  const problem = h('p', { id: 'call-problem', class: 'error', role: 'alert' });
  const output = h('div', { 'data-role': 'output', 'aria-live': 'polite' });
  const appArea = h('div', { 'data-role': 'app' });
  const check = (): object | undefined => {
    try {
      const value: unknown = JSON.parse(args.value || '{}');
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('the arguments must be a JSON object');
      args.setAttribute('aria-invalid', 'false');
      problem.textContent = '';
      return value;
    } catch (error) {
      args.setAttribute('aria-invalid', 'true');
      problem.textContent = `Not valid: ${(error as Error).message}`;
      return undefined;
    }
  };
  args.addEventListener('input', () => void check());
  const submit = async () => {
    const value = check();
    const tool = callable.find((t) => t.qualifiedName === select.value);
    if (!value || !tool) return;
    output.replaceChildren(h('p', { class: 'muted' }, 'calling…'));
    appArea.replaceChildren();
    let result: CallResult;
    try {
      result = await api.callTool(tool.qualifiedName, value);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'ERROR';
      output.replaceChildren(
        h('p', { class: 'error', 'data-role': 'call-error' }, `${code}: ${(error as Error).message}`),
      );
      return;
    }
    output.replaceChildren(renderResult(result));
    if (tool.ui.resourceUri)
      await renderApp(appArea, tool, value, result).catch((error: Error) => {
        appArea.replaceChildren(h('p', { class: 'error' }, `The view could not be shown: ${error.message}`));
      });
  };
  const fill = () => {
    const tool = callable.find((t) => t.qualifiedName === select.value);
    args.value = json(exampleArgs(tool?.inputSchema));
    check();
  };
  select.addEventListener('change', fill);
  // Ctrl/Cmd+Enter in the editor calls, as the button does.
  args.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
  });
  fill();
  return h(
    'form',
    {
      class: 'call',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void submit();
      },
    },
    h('h3', {}, 'Call a tool'),
    h('label', { for: 'call-tool' }, 'Tool'),
    select,
    h('label', { for: 'call-args' }, 'Arguments (JSON; Ctrl+Enter calls)'),
    args,
    problem,
    h('button', { class: 'act', type: 'submit' }, 'Call'),
    output,
    appArea,
  );
}

/** Arguments to start from: each required property with its default, or an empty value of its type. */
function exampleArgs(schema: unknown): Record<string, unknown> {
  const s = (schema ?? {}) as {
    properties?: Record<string, { type?: string; default?: unknown }>;
    required?: string[];
  };
  const out: Record<string, unknown> = {};
  for (const name of s.required ?? []) {
    const p = s.properties?.[name] ?? {};
    const empty: Record<string, unknown> = {
      string: '',
      number: 0,
      integer: 0,
      boolean: false,
      array: [],
      object: {},
    };
    out[name] = p.default ?? empty[p.type ?? 'string'] ?? null;
  }
  return out;
}
