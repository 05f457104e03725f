// The bounds on loading an app file, shared by the daemon (which enforces them) and the CLI (which
// waits at least as long as the daemon may take, and no guess longer).

/** Evaluating a JS/TS app file: past this its process group gets SIGKILL. */
export const APP_FILE_EVALUATION_TIMEOUT_MS = 10_000;
/** Evaluating a JS/TS app file: V8 heap limit (--max-old-space-size) of the evaluating node. */
export const APP_FILE_EVALUATION_HEAP_MB = 256;
/** Evaluating a JS/TS app file: resident memory past which its process group gets SIGKILL (Buffers live outside the heap). */
export const APP_FILE_EVALUATION_RSS_LIMIT_BYTES = 512 * 1024 * 1024;
/** The whole load in the loader process (read, evaluate, validate): past this its process group gets SIGKILL. */
export const APP_FILE_LOAD_TIMEOUT_MS = APP_FILE_EVALUATION_TIMEOUT_MS + 10_000;
/** The CLI waits at least this long for a request that may load an app file: the daemon's bound plus a margin. */
export const APP_FILE_LOAD_WAIT_MS = APP_FILE_LOAD_TIMEOUT_MS + 5_000;
