// What every launcher of svctld sets (the CLI's autostart, the systemd unit, the svctld shebang).

// Node flags. --max-semi-space-size=1 (MB): V8's young generation otherwise grows to 16 MB per semi-space
// after a burst (starting 1,000 apps, a log flood) and stays committed: ~30 MB of RSS for a daemon that
// allocates little per request. Scavenges get more frequent but stay sub-millisecond at this heap size.
// --expose-gc: the daemon collects its old generation when it has grown past what is live (memory/heap-guard.ts)
// and after bursts of app output; without the flag it would load node:v8 and node:vm at start to expose `gc`.
// --max-opt=1: V8 runs the daemon's code in its interpreter and baseline compiler (Sparkplug), never in TurboFan.
// The first function TurboFan optimizes maps ~4 MB of the optimizer's own machine code from node's binary into
// the daemon's RSS (100 idle apps: 55 MB with it, 51 MB without). Its paths are mostly system calls, JSON and
// buffers (native either way): list, restart, log throughput, the dashboard and idle CPU measured the same.
// Only a socket saturated with requests shows it: 2.8x the CPU per apps.list (29 -> 80 us; ~35,000 -> ~12,000
// requests/s from 50 clients, issue 13 asks for 5,000). A unit may drop the flag (docs/systemd.md;
// bench/HISTORY.md, "The optimizing compiler").
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--max-opt=1', '--expose-gc'];

// Environment. MALLOC_MMAP_THRESHOLD_=32768: glibc serves blocks of 32 KiB and more (the 64 KiB pipe reads
// of app output, log batches) with their own mappings, returned to the OS when freed. With the default,
// dynamic threshold they come from the heap, and what bursts of output leave free there stays in the
// daemon's RSS for good (bench/memory-cycles.mjs: 8.2 MB of growth over 300 start/delete cycles without,
// 3.0 MB with). Apps never see it: their environment is built whole, nothing is inherited.
export const DAEMON_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '32768' };
