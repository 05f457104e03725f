// Bytes written to clients that they have not read yet, for every client of the socket and the
// WebSocket together (setting rpc_max_unread_total). Each transport counts its own way (a socket's
// writableLength, a WebSocket's bufferedAmount); the sum is read only when a client stops keeping up.
export class UnreadTotal {
  private readonly clients = new Set<() => number>();

  constructor(readonly maxBytes: number) {}

  /** Counts one client's unread bytes until the returned function is called (when it closes). */
  add(unreadBytes: () => number): () => void {
    this.clients.add(unreadBytes);
    return () => this.clients.delete(unreadBytes);
  }

  /** True while all clients together hold more than maxBytes unread. */
  over(): boolean {
    let total = 0;
    for (const unreadBytes of this.clients) {
      total += unreadBytes();
      if (total > this.maxBytes) return true;
    }
    return false;
  }
}
