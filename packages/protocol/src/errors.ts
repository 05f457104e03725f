// The one catalogue of error codes shared by daemon, CLI and every transport.
// Wire codes: JSON-RPC's own reserved range (-32768..-32000) is used only for the five
// errors the JSON-RPC spec defines; svctl's codes live in families of a thousand above it.
//   1xxx daemon and transport   2xxx configuration and input   3xxx apps and processes
//   4xxx persistence and boot (dump, journal, startup units)   5xxx other hosts (deploy)

export interface ErrorSpec {
  readonly code: number;
  readonly description: string;
}

export const ERROR_CATALOGUE = {
  PARSE_ERROR: { code: -32700, description: 'The frame is not valid JSON.' },
  INVALID_REQUEST: { code: -32600, description: 'The message is not a valid JSON-RPC 2.0 request object.' },
  METHOD_NOT_FOUND: { code: -32601, description: 'No method of that name exists.' },
  INVALID_PARAMS: { code: -32602, description: 'The params do not match the method\'s schema.' },
  INTERNAL: { code: -32603, description: 'A handler failed unexpectedly; the message names the method and the daemon log has the stack.' },

  DAEMON_UNREACHABLE: { code: 1001, description: 'No daemon answers on the socket (and autostart was off or failed).' },
  PROTOCOL_MISMATCH: { code: 1002, description: 'CLI/client and daemon speak different major protocol versions.' },
  FRAME_TOO_LARGE: { code: 1003, description: 'A frame exceeded the maximum size (1 MiB); the connection is closed.' },
  DAEMON_ALREADY_RUNNING: { code: 1004, description: 'Another daemon already serves this SVCTL_HOME.' },
  DAEMON_START_FAILED: { code: 1005, description: 'The daemon could not be started (the message says why).' },
  TIMEOUT: { code: 1006, description: 'The daemon did not answer in time.' },
  CONNECTION_CLOSED: { code: 1007, description: 'The connection closed before the answer arrived.' },
  SHUTTING_DOWN: { code: 1008, description: 'The daemon is shutting down and takes no new work.' },
  SLOW_CONSUMER: { code: 1009, description: 'The client did not read what the daemon sent in time: its stream, or its whole connection, was cut off.' },
  LIMIT_EXCEEDED: { code: 1010, description: 'A daemon-wide bound was reached (connections, bytes of unfinished requests); the connection is closed. The message names the setting.' },
  HOME_INSECURE: { code: 1011, description: 'SVCTL_HOME, a file in it or the daemon socket belongs to another user, is writable by others, or is a symlink; nothing was used. The message says how to fix it.' },
  UNAUTHORIZED: { code: 1012, description: 'A network request (HTTP gateway) carried no bearer token, or one the daemon does not know, or no live dashboard session (HTTP 401).' },
  FORBIDDEN: { code: 1013, description: "The token's role does not allow the method: a `read` token calls only read-only methods; or a dashboard session's request lacks its CSRF token or comes from another origin (HTTP 403)." },
  RATE_LIMITED: { code: 1014, description: 'The client sent more requests than its rate limit allows (settings http_rate, http_burst); retry after the time in the message (HTTP 429 with Retry-After).' },
  NOT_READY: { code: 1015, description: 'The daemon is still starting (crash recovery, resurrection) and does not serve the gateway yet; retry shortly (HTTP 503).' },

  CONFIG_INVALID: { code: 2001, description: 'A setting (flag, environment variable or config file) has an invalid value.' },
  USAGE: { code: 2002, description: 'The command line is wrong (unknown command, missing argument...).' },
  APP_FILE_NOT_FOUND: { code: 2003, description: 'The app file does not exist, or no app file was found.' },
  APP_FILE_INVALID: { code: 2004, description: 'The app file cannot be parsed or fails validation; nothing was started.' },
  TOKEN_EXISTS: { code: 2005, description: 'A token of that name already exists; revoke it first or choose another name.' },
  TOKEN_NOT_FOUND: { code: 2006, description: 'No token of that name exists.' },
  FILE_EXISTS: { code: 2007, description: 'The file a command would write already exists; nothing was written (`svctl init --force` replaces it).' },

  APP_NOT_FOUND: { code: 3001, description: 'No app matches the target (name, id, namespace or file).' },
  ALREADY_RUNNING: { code: 3002, description: 'The app is already running.' },
  NOT_RUNNING: { code: 3003, description: 'The app is not running.' },
  SPAWN_FAILED: { code: 3004, description: 'The process could not be spawned (missing script, not executable, bad cwd).' },
  INVALID_SIGNAL: { code: 3005, description: 'The signal name is not a known signal.' },
  TOO_MANY_INSTANCES: { code: 3006, description: 'A start or scale would run more instances than the daemon allows (4096 in all); nothing was started.' },
  RELOAD_FAILED: { code: 3007, description: 'A reload\'s new instance failed to start or become ready; the old instance keeps running.' },

  DUMP_NOT_FOUND: { code: 4001, description: 'There is no dump to resurrect from (run `svctl save` first).' },
  DUMP_INVALID: { code: 4002, description: 'The dump file is corrupt or truncated; nothing was restored or overwritten.' },
  NOTHING_TO_SAVE: { code: 4003, description: 'No app is registered; an empty dump is written only with `svctl save --force`.' },
  UNIT_INSTALL_FAILED: { code: 4004, description: 'The systemd unit could not be written or removed (permissions, missing folder).' },

  DEPLOY_FAILED: { code: 5001, description: 'A deploy command failed on at least one host (ssh, git or a hook); the message names each failed host.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERROR_CATALOGUE;

export const ERROR_NAMES = Object.keys(ERROR_CATALOGUE) as ErrorName[];

const nameByCode = new Map<number, ErrorName>(ERROR_NAMES.map((name) => [ERROR_CATALOGUE[name].code, name]));

export interface WireError {
  code: number;
  message: string;
  data?: { name: ErrorName; details?: unknown; hint?: string };
}

export interface SvctlErrorOptions {
  details?: unknown;
  hint?: string;
  cause?: unknown;
}

/** The one error type: a stable name from the catalogue, a message for humans, optional details and hint. */
export class SvctlError extends Error {
  readonly code: ErrorName;
  readonly details: unknown;
  readonly hint: string | undefined;

  constructor(code: ErrorName, message: string, options: SvctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SvctlError';
    this.code = code;
    this.details = options.details;
    this.hint = options.hint;
  }

  get wireCode(): number {
    return ERROR_CATALOGUE[this.code].code;
  }
}

export function isSvctlError(value: unknown): value is SvctlError {
  return value instanceof SvctlError;
}

export function toWireError(error: SvctlError): WireError {
  const data: NonNullable<WireError['data']> = { name: error.code };
  if (error.details !== undefined) data.details = error.details;
  if (error.hint !== undefined) data.hint = error.hint;
  return { code: error.wireCode, message: error.message, data };
}

/** Rebuilds a typed error from the wire; an unknown code (newer daemon) becomes INTERNAL with the original text. */
export function fromWireError(wire: WireError): SvctlError {
  const named = wire.data?.name;
  const code = named !== undefined && named in ERROR_CATALOGUE ? named : nameByCode.get(wire.code) ?? 'INTERNAL';
  return new SvctlError(code, wire.message, { details: wire.data?.details, hint: wire.data?.hint });
}
