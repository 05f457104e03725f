#!/usr/bin/env bash
# Installs a released svctl on a server and makes it a system service:
#   1. npm install -g @svctl/cli and @svctl/daemon (from the registry, or from local tarballs),
#   2. with --user NAME, creates that system user (if missing) for svctld and its apps to run as,
#   3. svctl startup systemd --install (a system unit that runs svctld --resurrect at boot), then enables and
#      starts it with systemctl.
#
#   sudo bash install.sh --user svc                      (install.sh is attached to every GitHub release)
#   sudo bash scripts/install.sh --version 0.1.0 --user svc
#   bash scripts/install.sh --tarballs ./release --prefix ~/.local --no-startup
#
# Options (or the environment variables in brackets):
#   --version V      the version to install from the registry (default: latest) [SVCTL_VERSION]
#   --tarballs DIR   install svctl-daemon-*.tgz and svctl-cli-*.tgz from DIR (npm pack / the GitHub release)
#                    instead of the registry; npm still takes their dependencies from its cache or registry
#                    (npm_config_offline=true: from the cache only) [SVCTL_TARBALLS]
#   --prefix DIR     npm's global prefix: the commands go to DIR/bin (default: npm's own) [SVCTL_PREFIX]
#   --user NAME      run svctld and the apps as NAME, a system user created when missing (needs root)
#   --home DIR       the daemon's SVCTL_HOME (default: ~NAME/.svctl, or ~/.svctl)
#   --no-startup     install the commands only: no unit, nothing enabled
#   --unit-dir DIR   write the unit into DIR instead of /etc/systemd/system (implies --no-enable)
#   --no-enable      write the unit but do not run systemctl
#   -h, --help       this text
# Requires Node.js >= 20.19 with npm, and systemd for the service. Exit codes: 0 done, 1 a step failed, 2 usage.
set -euo pipefail

version="${SVCTL_VERSION:-latest}"
tarballs="${SVCTL_TARBALLS:-}"
prefix="${SVCTL_PREFIX:-}"
user=""
home=""
startup=1
enable=1
unit_dir=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }
die() { echo "install.sh: $1" >&2; exit "${2:-1}"; }
say() { echo "install.sh: $*"; }
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)" 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --version) need_value "$@"; version="$2"; shift 2 ;;
    --tarballs) need_value "$@"; tarballs="$2"; shift 2 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --user) need_value "$@"; user="$2"; shift 2 ;;
    --home) need_value "$@"; home="$2"; shift 2 ;;
    --unit-dir) need_value "$@"; unit_dir="$2"; enable=0; shift 2 ;;
    --no-startup) startup=0; shift ;;
    --no-enable) enable=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" 2 ;;
  esac
done

# 1. Node.js and npm.
command -v node >/dev/null || die "Node.js >= 20.19 is needed (https://nodejs.org, or your distribution's nodejs package)"
command -v npm >/dev/null || die "npm is needed (it comes with Node.js)"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  die "Node.js >= 20.19 is needed; this is $(node --version)"

# 2. The packages. The CLI depends on the daemon; installing both puts svctld on PATH too.
if [ -n "$tarballs" ]; then
  shopt -s nullglob
  daemon_tgz=("$tarballs"/svctl-daemon-*.tgz)
  cli_tgz=("$tarballs"/svctl-cli-*.tgz)
  shopt -u nullglob
  [ "${#daemon_tgz[@]}" -eq 1 ] && [ "${#cli_tgz[@]}" -eq 1 ] ||
    die "$tarballs must hold exactly one svctl-daemon-*.tgz and one svctl-cli-*.tgz (found ${#daemon_tgz[@]} and ${#cli_tgz[@]})"
  packages=("${daemon_tgz[0]}" "${cli_tgz[0]}")
else
  packages=("@svctl/daemon@$version" "@svctl/cli@$version")
fi
npm_prefix=()
if [ -n "$prefix" ]; then
  mkdir -p "$prefix"
  prefix="$(cd "$prefix" && pwd)"
  npm_prefix=(--prefix "$prefix")
fi
say "installing ${packages[*]}"
npm install -g "${npm_prefix[@]}" --no-audit --no-fund "${packages[@]}"
bin="$(npm prefix -g "${npm_prefix[@]}")/bin"
svctl="$bin/svctl"
[ -x "$svctl" ] || die "npm installed no $svctl"
say "installed svctl $("$svctl" --version) in $bin"

[ "$startup" -eq 1 ] || { say "done (--no-startup: no service installed; start apps with $svctl start)"; exit 0; }

# 3. The user the daemon runs as.
startup_args=(startup systemd --install --json)
if [ -n "$user" ]; then
  if ! id "$user" >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "creating the user $user needs root (run with sudo)"
    say "creating the system user $user"
    useradd --system --create-home --home-dir "/var/lib/$user" --shell /usr/sbin/nologin "$user"
  fi
  startup_args+=(--run-as "$user")
fi
[ -z "$home" ] || startup_args+=(--home "$home")
[ -z "$unit_dir" ] || startup_args+=(--unit-dir "$unit_dir")
if [ -z "$unit_dir" ] && [ "$(id -u)" -ne 0 ]; then
  die "a system unit needs root: run with sudo, or pass --no-startup (or --unit-dir DIR to only write it)"
fi

# 4. The unit, written by svctl itself (paths of node and svctld, the user, SVCTL_HOME, stop timeouts).
result="$("$svctl" "${startup_args[@]}")"
unit_file="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).path)' "$result")"
say "wrote $unit_file"
if [ "$enable" -eq 0 ]; then
  say "done; enable it with: systemctl daemon-reload && systemctl enable --now $(basename "$unit_file")"
  exit 0
fi
systemctl daemon-reload
systemctl enable --now "$(basename "$unit_file")"
say "done: $(basename "$unit_file") is enabled and started (svctld runs as ${user:-$(id -un)}; use svctl as that user)"
