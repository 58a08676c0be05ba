import type { CallResult } from './api.js';
import { h, json } from './dom.js';

/** A tool result as content blocks: text, images, audio, resource links and embedded resources. */
export function renderResult(result: CallResult): HTMLElement {
  const blocks = (result.content ?? []).map(block);
  if (result.structuredContent !== undefined)
    blocks.push(h('div', {}, h('h4', {}, 'structuredContent'), h('pre', {}, json(result.structuredContent))));
  return h(
    'div',
    {
      class: `result${result.isError ? ' is-error' : ''}`,
      'data-role': 'result',
      'data-error': result.isError === true,
    },
    result.isError ? h('strong', { class: 'error' }, 'The tool reported an error') : '',
    ...blocks,
  );
}

function block(b: Record<string, unknown>): HTMLElement {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (b.type) {
    case 'text':
      return h('pre', { 'data-block': 'text' }, text(b.text));
    case 'image':
      return h('img', {
        'data-block': 'image',
        alt: 'image from the tool',
        src: `data:${text(b.mimeType)};base64,${text(b.data)}`,
      });
    case 'audio':
      return h('audio', {
        'data-block': 'audio',
        controls: true,
        src: `data:${text(b.mimeType)};base64,${text(b.data)}`,
      });
    case 'resource_link':
      return h(
        'p',
        { 'data-block': 'resource_link' },
        'resource link: ',
        h('code', {}, text(b.uri)),
        b.name ? ` (${text(b.name)})` : '',
      );
    case 'resource': {
      const r = (b.resource ?? {}) as Record<string, unknown>;
      return h(
        'div',
        { 'data-block': 'resource' },
        h('code', {}, text(r.uri)),
        h('pre', {}, text(r.text) || '[binary]'),
      );
    }
    default:
      return h('pre', { 'data-block': 'other' }, json(b));
  }
}
