// Monotonic milliseconds for measuring durations. Not `performance.now()`: the `performance` global loads
// perf_hooks and a dozen of its internal modules on first use, ~0.5 MB of the daemon's RSS (issue 9);
// `process.uptime()` reads the same monotonic clock (uv_hrtime) and allocates nothing.
export function monotonicMs(): number {
  return process.uptime() * 1000;
}
