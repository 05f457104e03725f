// pm2 command and flag names svctl does not take as they are, with what a pm2 user should type instead.
// An unknown name is looked up here first (by meaning), before any suggestion by spelling.
// (pm2 names svctl accepts as they are, such as `desc`, `kill` or `jlist`, are aliases of commands.)

/** What a pm2 name is in svctl: a command to use instead, or something svctl does not have (yet). */
export interface Pm2Counterpart {
  /** The svctl command line to use instead, without `svctl `; absent when there is none. */
  use?: string;
  /** Why, or what to do instead, for people. */
  note: string;
}

export const PM2_COMMANDS: Readonly<Record<string, Pm2Counterpart>> = {
  l: { use: 'list', note: "pm2's l is svctl list" },
  ps: { use: 'list', note: "pm2's ps is svctl list" },
  dump: { use: 'save', note: "pm2's dump is svctl save" },
  cleardump: { use: 'save --force', note: 'with no app registered, `svctl save --force` saves the empty list' },
  reloadLogs: { use: 'reload-logs', note: "pm2's reloadLogs is svctl reload-logs" },
  gracefulReload: { use: 'reload', note: 'svctl reload replaces instances one at a time' },
  updatePM2: { use: 'update', note: 'svctl update moves the running apps to the installed daemon' },
  logrotate: { note: 'log rotation is built in: log_max_size, log_max_files and log_max_age (docs/logs.md)' },
  install: { note: 'svctl has no modules (pm2 install is pm2 modules)' },
  uninstall: { note: 'svctl has no modules (pm2 uninstall is pm2 modules)' },
  link: { note: 'svctl has no hosted dashboard (pm2 link is pm2.io)' },
  plus: { note: 'svctl has no hosted dashboard (pm2 plus is pm2.io)' },
  send: { note: 'svctl does not write to apps\' stdin (pm2 send) yet' },
  attach: { note: 'svctl does not attach to apps\' stdin yet; `svctl logs NAME --follow` shows their output' },
  trigger: { note: 'svctl has no custom actions (pm2 trigger); `svctl signal SIG NAME` sends a signal' },
  serve: { note: 'svctl has no static file server (pm2 serve); run one as an app' },
  report: { use: 'describe all --json', note: 'svctl describe all --json has the state of every app' },
};

export const PM2_FLAGS: Readonly<Record<string, Pm2Counterpart>> = {
  force: { note: 'svctl identifies apps by name: `svctl delete NAME` first, or `svctl restart NAME`' },
  f: { note: 'svctl identifies apps by name: `svctl delete NAME` first, or `svctl restart NAME`' },
  'no-daemon': { note: 'run `svctld` itself in the foreground' },
  silent: { note: 'svctl prints only what a command did; --json for machine output' },
  s: { note: 'svctl prints only what a command did; --json for machine output' },
  'no-color': { note: 'set NO_COLOR=1' },
  'mini-list': { note: '`svctl list` has one line per instance' },
  m: { note: '`svctl list` has one line per instance' },
  sort: { note: '`svctl list` is sorted by id' },
  'no-treekill': { note: 'svctl always signals the whole process group' },
  'shutdown-with-message': { note: 'not supported; use the stop_signal key' },
};
