import type { Tool } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { ToolSearch } from './toolSearch.js';

const tool = (name: string, description: string, params: string[] = []): Tool => ({
  name,
  description,
  inputSchema: { type: 'object', properties: Object.fromEntries(params.map((p) => [p, { type: 'string' }])) },
});

/** A fixed corpus: what a fleet of a filesystem, a git host, a chat and a calendar server offers. */
const CORPUS: Record<string, Tool[]> = {
  fs: [
    tool('read_text_file', 'Read the complete contents of a file as text.', ['path', 'head', 'tail']),
    tool('write_file', 'Create a new file or overwrite an existing one.', ['path', 'content']),
    tool('list_directory', 'List the files and directories in a path.', ['path']),
    tool('search_files', 'Recursively search for files matching a pattern.', ['path', 'pattern']),
  ],
  github: [
    tool('createIssue', 'Open a new issue in a repository.', ['owner', 'repo', 'title', 'body']),
    tool('listPullRequests', 'List the pull requests of a repository.', ['owner', 'repo', 'state']),
    tool('get_file_contents', 'Get the contents of a file or directory from a repository.', [
      'owner',
      'repo',
      'path',
    ]),
  ],
  slack: [
    tool('post_message', 'Post a message to a channel.', ['channel', 'text']),
    tool('list_channels', 'List the channels of the workspace.', ['cursor']),
  ],
  calendar: [
    tool('create_event', 'Create an event in the calendar.', ['title', 'start', 'end', 'attendees']),
  ],
};

function index(): ToolSearch {
  const search = new ToolSearch();
  for (const [server, tools] of Object.entries(CORPUS)) search.set(server, tools);
  return search;
}

const top = (search: ToolSearch, query: string, limit = 3) =>
  search.search(query, limit).map((hit) => `${hit.server}/${CORPUS[hit.server]?.[hit.position]?.name}`);

describe('ToolSearch (BM25 over name, title, description, parameter names)', () => {
  it('ranks a fixed corpus as expected', () => {
    const search = index();
    expect(top(search, 'read a file', 1)).toEqual(['fs/read_text_file']);
    expect(top(search, 'open issue', 1)).toEqual(['github/createIssue']);
    expect(top(search, 'pull requests', 1)).toEqual(['github/listPullRequests']);
    expect(top(search, 'send a message to a channel', 2)).toEqual([
      'slack/post_message',
      'slack/list_channels',
    ]);
    expect(top(search, 'attendees', 1)).toEqual(['calendar/create_event']);
    expect(top(search, 'github', 3)).toEqual(expect.arrayContaining(['github/createIssue']));
    expect(top(search, 'the of a')).toEqual([]);
    expect(top(search, '')).toEqual([]);
  });

  it('scores best first, and limit cuts the list', () => {
    const hits = index().search('file', 10);
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(index().search('file', 2)).toHaveLength(2);
  });

  it("one server's update touches only its own documents, and the index follows it", () => {
    const search = index();
    const renamed = [tool('fetch_messages', 'Fetch the messages of a channel.', ['channel'])];
    search.set('slack', renamed);
    expect(search.lastUpdate).toEqual({ server: 'slack', removed: 2, added: 1 });
    expect(search.search('fetch', 5)).toEqual([expect.objectContaining({ server: 'slack', position: 0 })]);
    search.set('slack', renamed);
    expect(search.lastUpdate).toEqual({ server: 'slack', removed: 2, added: 1 });
    search.delete('fs');
    expect(search.lastUpdate).toEqual({ server: 'fs', removed: 4, added: 0 });
    expect(search.search('read_text_file', 5).map((h) => h.server)).not.toContain('fs');
  });
});
