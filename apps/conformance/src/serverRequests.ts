import type { RequestHandlers } from '@org/mcp-core';

/**
 * Answers for server-to-client requests, as a user who accepts everything would give them. The
 * elicitation answer leaves every field out on purpose: filling in schema defaults is the library's job.
 */
export const acceptingHandlers: RequestHandlers = {
  'elicitation/create': () => ({ action: 'accept', content: {} }),
  'sampling/createMessage': () => ({
    role: 'assistant',
    content: { type: 'text', text: 'conformance' },
    model: 'conformance-stub',
    stopReason: 'endTurn',
  }),
  'roots/list': () => ({ roots: [] }),
};

/** The multi-round-trip mock asks for a confirmation; its checks look for `confirmed: true`. */
export const confirmingHandlers: RequestHandlers = {
  ...acceptingHandlers,
  'elicitation/create': () => ({ action: 'accept', content: { confirmed: true } }),
};
