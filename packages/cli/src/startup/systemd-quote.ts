// Quoting for systemd unit files (the daemon's unit of `svctl startup` and the units of `svctl export systemd`).

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

// systemd expands %specifiers everywhere and $VARIABLES in ExecStart; both are escaped by doubling.
export function quoteExecWord(word: string): string {
  return quoted(word.replace(/%/g, '%%').replace(/\$/g, '$$$$'));
}

export function quoteValue(value: string): string {
  return quoted(value.replace(/%/g, '%%'));
}

// Quoted words take C escapes, so a newline is written as \n.
function quoted(escaped: string): string {
  return BARE.test(escaped) ? escaped : `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
