/** How messages name a server: `Server "x"` (or `server "x"` mid-sentence), `The server` when it has no name. */
export function serverLabel(serverName: string | undefined, capital = true): string {
  if (serverName) return `${capital ? 'Server' : 'server'} "${serverName}"`;
  return capital ? 'The server' : 'the server';
}
