// The one shell script a deploy command sends to each host over ssh's stdin (`ssh HOST bash -s`): one
// connection per host and command, no round trips. Every value from the app file is a single-quoted
// shell word assigned at the top, so no value can run as code; hooks are commands by definition and run
// with `bash -c "$HOOK"`. docs/deploy.md describes the layout:
//   PATH/repo       bare git repository, fetched from `repo` (setup creates it)
//   PATH/releases/  one folder per deploy: <UTC stamp>-<short sha>
//   PATH/shared/    what releases share ($SHARED in hooks)
//   PATH/current    symlink to the live release, replaced by a rename only after post-deploy succeeded
import { quoteShellWord, type DeploySpec } from '@svctl/protocol';
import type { DeployAction } from './deploy-action.js';

/** `20261203T091406.123Z`: sorts as time does; the same for every host of one deploy. */
export function releaseStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '');
}

export function remoteScript(spec: DeploySpec, action: DeployAction, stamp: string): string {
  const values: Array<[string, string]> = [
    ['D', spec.path],
    ['REPO', spec.repo],
    ['REF', spec.ref],
    ['STAMP', stamp],
    ['KEEP', String(spec.keep_releases)],
    ['PRE_SETUP', spec.pre_setup_script ?? spec.hooks['pre-setup'] ?? ''],
    ['POST_SETUP', spec.hooks['post-setup'] ?? ''],
    ['PRE_DEPLOY', spec.hooks['pre-deploy'] ?? ''],
    ['POST_DEPLOY', spec.hooks['post-deploy'] ?? ''],
    ['EXEC', action.kind === 'exec' ? action.command : ''],
  ];
  const lines = [
    // The whole script is one compound command: bash reads all of it before running any of it, so
    // nothing a hook runs can read the rest of the script from stdin.
    '{',
    'exec </dev/null',
    ...values.map(([name, value]) => `${name}=${quoteShellWord(value)}`),
    ...Object.entries(spec.env).map(([name, value]) => `export ${name}=${quoteShellWord(value)}`),
    SCRIPT_LIBRARY,
    actionLine(action),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function actionLine(action: DeployAction): string {
  switch (action.kind) {
    case 'revert':
      return `revert ${action.steps}`;
    case 'exec':
      return 'run_exec';
    default:
      return action.kind;
  }
}

const SCRIPT_LIBRARY = `
set -u
G="$D/repo"
export SHARED="$D/shared"
say() { printf '  ○ %s\\n' "$*"; }
fail() { printf 'svctl deploy: %s\\n' "$*" >&2; exit 1; }
hook() { # name folder command
  [ -n "$3" ] || return 0
  say "$1: $3"
  ( cd "$2" && exec bash -c "$3" ) || fail "$1 failed (exit $?)"
}
need_setup() { [ -d "$G" ] || fail "$D is not set up on this host: run svctl deploy FILE ENV setup first"; }
live() { readlink "$D/current" 2>/dev/null || true; }
releases() { ls -1 "$D/releases" 2>/dev/null | grep -v '\\.failed$' | sort -r; }
before() { # the release N places before the live one (releases are listed newest first)
  releases | awk -v cur="$(basename "$(live)")" -v n="$1" 'found && ++i == n { print; exit } $0 == cur { found = 1 }'
}
need_live() { [ -n "$(live)" ] || fail "no release is live in $D yet"; }
fetch() {
  say "fetching $REPO"
  git --git-dir="$G" fetch --quiet --prune --tags origin '+refs/heads/*:refs/heads/*' || fail "git could not fetch $REPO"
}
setup() {
  hook pre-setup "\${HOME:-/}" "$PRE_SETUP"
  mkdir -p "$D/releases" "$D/shared" || fail "cannot create $D/releases and $D/shared"
  if [ -d "$G" ]; then
    git --git-dir="$G" remote set-url origin "$REPO" || fail "cannot set the origin of $G"
  else
    { git init --quiet --bare "$G" && git --git-dir="$G" remote add origin "$REPO"; } || fail "cannot create the repository $G"
  fi
  fetch
  hook post-setup "$D" "$POST_SETUP"
  say "setup done in $D"
}
go_live() { # release new|old: post-deploy in the release, then the atomic switch of current
  if [ -n "$POST_DEPLOY" ]; then
    say "post-deploy: $POST_DEPLOY"
    ( cd "$1" && exec bash -c "$POST_DEPLOY" )
    status=$?
    if [ "$status" -ne 0 ]; then
      [ "$2" = new ] && mv "$1" "$1.failed"
      fail "post-deploy failed (exit $status): current still points to $(live)"
    fi
  fi
  rm -f "$D/.current.$$" && ln -s "$1" "$D/.current.$$" && mv -T "$D/.current.$$" "$D/current" || fail "cannot switch $D/current to $1"
  say "current is now releases/$(basename "$1")"
}
prune() {
  rm -rf "$D"/releases/*.failed
  keep_live="$(live)"
  releases | tail -n +"$((KEEP + 1))" | while read -r old; do
    [ "$D/releases/$old" = "$keep_live" ] || { rm -rf "$D/releases/$old" && say "removed old release $old"; }
  done
}
update() {
  need_setup
  cur="$(live)"
  hook pre-deploy "\${cur:-$D}" "$PRE_DEPLOY"
  fetch
  sha=""
  for candidate in "$REF" "\${REF#*/}"; do
    sha="$(git --git-dir="$G" rev-parse --verify --quiet "$candidate^{commit}")" && break
  done
  [ -n "$sha" ] || fail "$REF is not a branch, tag or commit of $REPO"
  name="$STAMP-$(git --git-dir="$G" rev-parse --short "$sha")"
  release="$D/releases/$name"
  [ ! -e "$release" ] || fail "release $name already exists"
  say "checking out $REF ($sha) into releases/$name"
  { git clone --quiet --no-checkout "$G" "$release" && git -C "$release" checkout --quiet --detach "$sha"; } || { rm -rf "$release"; fail "git could not check out $sha"; }
  go_live "$release" new
  prune
}
revert() {
  need_setup
  need_live
  target="$(before "$1")"
  [ -n "$target" ] || fail "there is no release $1 before $(basename "$(live)")"
  say "reverting to releases/$target"
  go_live "$D/releases/$target" old
}
current() { need_live; basename "$(live)"; }
previous() {
  need_live
  target="$(before 1)"
  [ -n "$target" ] || fail "there is no release before $(basename "$(live)")"
  printf '%s\\n' "$target"
}
list() {
  need_setup
  releases | awk -v cur="$(basename "$(live)")" '{ printf "%d\\t%s%s\\n", NR - 1, $0, ($0 == cur ? "\\t(current)" : "") }'
}
run_exec() { need_live; cd "$(live)" && exec bash -c "$EXEC"; }`;
