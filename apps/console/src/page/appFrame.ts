import {
  AppBridge,
  type McpUiHostContext,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import { api, type CallResult, type ToolView } from './api.js';
import { h } from './dom.js';

/** The tallest a view may grow to, in CSS pixels. */
const MAX_HEIGHT = 2000;
let current: AppBridge | undefined;

/**
 * Renders a tool's MCP App in a sandboxed iframe (scripts only: an opaque origin, apart from the console's) through
 * ext-apps' AppBridge over postMessage. The view gets the call's arguments and result; its own tool calls and
 * resource reads go to the console, which routes them through the manager to the view's server only.
 */
export async function renderApp(
  into: HTMLElement,
  tool: ToolView,
  args: object,
  result: CallResult,
): Promise<void> {
  await current?.close().catch(() => undefined);
  const opened = await api.openView(tool.qualifiedName);
  const iframe = h('iframe', {
    class: `app-view${opened.prefersBorder === false ? '' : ' bordered'}`,
    sandbox: 'allow-scripts allow-forms',
    allow: opened.allow || undefined,
    title: `MCP App view of ${tool.qualifiedName}`,
    'data-role': 'app-view',
    'data-uri': opened.uri,
  });
  into.replaceChildren(
    h('p', { class: 'muted' }, `MCP App: ${opened.uri} (server ${opened.server})`),
    iframe,
  );
  const theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  // The width is the panel's (the view fills it); the height is the view's own, up to MAX_HEIGHT.
  const context = (): McpUiHostContext => ({
    theme,
    platform: 'web',
    displayMode: 'inline',
    availableDisplayModes: ['inline'],
    containerDimensions: { width: iframe.clientWidth, maxHeight: MAX_HEIGHT },
  });
  const bridge = new AppBridge(
    null,
    { name: 'org-mcp-console', version: '0.0.0' },
    { serverTools: {}, serverResources: {}, logging: {}, openLinks: {} },
    { hostContext: context() },
  );
  current = bridge;
  let width = iframe.clientWidth;
  const resized = new ResizeObserver(() => {
    if (iframe.clientWidth === width) return;
    width = iframe.clientWidth;
    bridge.setHostContext(context());
  });
  resized.observe(iframe);
  bridge.onclose = () => resized.disconnect();
  bridge.oncalltool = async (params) =>
    (await api.appCall(tool.qualifiedName, params.name, params.arguments ?? {})) as never;
  bridge.onreadresource = async ({ uri }) => (await api.appRead(tool.qualifiedName, uri)) as never;
  bridge.onsizechange = ({ height }) => {
    if (height) iframe.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
  };
  bridge.oninitialized = () => {
    void bridge.sendToolInput({ arguments: args as Record<string, unknown> });
    void bridge.sendToolResult(result as never);
  };
  // The console has no conversation: a view's message or context update is acknowledged and shown in the log.
  bridge.onmessage = async (params) => {
    console.info('view message', params);
    return {};
  };
  bridge.onopenlink = async ({ url }) => {
    if (/^https?:/.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
    return {};
  };
  bridge.onloggingmessage = (params) => console.info('view log', params);
  const view = iframe.contentWindow;
  if (!view) throw new Error('the view frame has no window');
  // Listening before the document loads: the view's first message is its initialize request.
  await bridge.connect(new PostMessageTransport(view, view));
  iframe.src = `/view/${opened.id}`;
}
