// Bytes of requests received and not yet complete, for every client of every transport together
// (setting rpc_max_partial_total): unfinished socket frames, POST /rpc bodies being read, WebSocket
// messages being received. A client whose bytes would pass the total is refused; the others keep theirs.
export class PartialBudget {
  private held = 0;

  constructor(readonly maxBytes: number) {}

  /** Holds `bytes` more if the total stays within maxBytes; false, holding nothing, if it would not. */
  take(bytes: number): boolean {
    if (this.held + bytes > this.maxBytes) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }
}
