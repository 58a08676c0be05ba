import type { ServerView } from './api.js';
import { h } from './dom.js';

/** The fleet: one button per server, its state and figures; pressing one selects it. */
export function renderServers(
  into: HTMLElement,
  servers: ServerView[],
  selected: string | undefined,
  select: (name: string) => void,
): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset.server;
  into.replaceChildren(...servers.map((s) => serverCard(s, s.name === selected, select)));
  if (focused) into.querySelector<HTMLElement>(`[data-server="${CSS.escape(focused)}"]`)?.focus();
}

function serverCard(s: ServerView, pressed: boolean, select: (name: string) => void): HTMLElement {
  const health = s.lastHealthCheck ? (s.lastHealthCheck.healthy ? 'healthy' : 'unhealthy') : '—';
  const breaker = s.circuit?.state ?? 'off';
  const f = s.figures;
  return h(
    'button',
    {
      class: 'server',
      type: 'button',
      'data-server': s.name,
      'data-state': s.state,
      'aria-pressed': pressed ? 'true' : 'false',
      onclick: () => select(s.name),
    },
    h(
      'span',
      { class: 'top' },
      h('span', { class: 'name' }, s.name),
      h('span', { class: `badge state-${s.state}`, 'data-role': 'state' }, s.state),
    ),
    h(
      'span',
      { class: 'facts' },
      h('span', {}, `transport ${s.transport}`),
      h('span', {}, `era ${s.era ?? '—'}`),
      h('span', { 'data-role': 'tools' }, `${s.toolCount} tools`),
      h('span', {}, `health ${health}`),
      h('span', { class: `breaker-${breaker}` }, `breaker ${breaker}`),
      h('span', { 'data-role': 'calls' }, `calls ${f.calls} (${f.errors} failed)`),
      h('span', {}, `p50 ${f.p50Ms ?? '—'} ms`),
      h('span', {}, `in flight ${s.calls.inFlight}`),
      h('span', { 'data-role': 'restarts' }, `restarts ${s.restarts}`),
      s.pid !== undefined && h('span', { 'data-role': 'pid', 'data-pid': s.pid }, `pid ${s.pid}`),
    ),
    s.lastError &&
      h(
        'span',
        { class: 'last-error error', 'data-role': 'last-error' },
        `${s.lastError.code}: ${s.lastError.message}`,
      ),
  );
}
