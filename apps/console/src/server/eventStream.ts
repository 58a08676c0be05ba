import type { ServerResponse } from 'node:http';

/** The open server-sent event streams of the page(s); each event goes to all. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();

  /** At most this many pages at once; a further one is refused (503). */
  static readonly MAX_CLIENTS = 16;

  open(res: ServerResponse): boolean {
    if (this.clients.size >= EventStream.MAX_CLIENTS) return false;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': console\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    return true;
  }

  send(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  closeAll(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
