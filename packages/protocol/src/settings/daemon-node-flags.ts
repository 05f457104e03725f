// Node flags every launcher of svctld passes (the CLI's autostart, the systemd unit, the svctld shebang).
// --max-semi-space-size=1 (MB): V8's young generation otherwise grows to 16 MB per semi-space after a
// burst (starting 1,000 apps, a log flood) and stays committed: ~30 MB of RSS for a daemon that
// allocates little per request. Scavenges get more frequent but stay sub-millisecond at this heap size.
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
