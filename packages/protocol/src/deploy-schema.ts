// The `deploy` section of an app file (pm2's keys, read by `svctl deploy FILE ENV`): one target per
// environment name, as users write it, and the resolved target the CLI runs. docs/deploy.md explains each key.
import { Type, type TSchema } from '@sinclair/typebox';
import { APP_LIMITS } from './app-limits.js';

const Text = (title: string, description: string): TSchema => Type.String({ minLength: 1, maxLength: APP_LIMITS.stringLength, title, description });

/** A host name or address as ssh takes it, optionally `user@host`; never an ssh option (`-o...`). */
export const DEPLOY_HOST_PATTERN = '^(?!-)[^\\s\'"`$;&|<>()\\\\]{1,255}$';
const Host = Type.String({ pattern: DEPLOY_HOST_PATTERN, title: 'a host name or address (optionally user@host), without spaces or shell characters' });

/** Variable names the remote shell can export (pm2 upper-cases them). */
export const DEPLOY_ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

/** An empty hook is no hook (pm2 files often carry `'pre-deploy-local': ''`). */
const Hook = (description: string): TSchema => Type.String({ maxLength: APP_LIMITS.stringLength, title: 'a shell command', description });

/** One deploy target (`deploy.production`) as written in the file; unknown keys are rejected so typos show. */
export const DeployTargetEntrySchema = Type.Object(
  {
    host: Type.Union([Host, Type.Array(Host, { minItems: 1, maxItems: 256, title: 'a non-empty array of host names' })], { description: 'The host, or hosts deployed in parallel.' }),
    user: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$', title: 'a user name', description: 'The ssh user (default: ssh\'s, from ~/.ssh/config or the local user).' })),
    port: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String({ pattern: '^[0-9]{1,5}$' })], { title: 'a port number (1-65535)', description: 'The ssh port (`-p`).' })),
    key: Type.Optional(Text('a path', 'The private key file (`-i`); a leading `~` is the local home.')),
    ssh_options: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { maxItems: 256 })], {
        title: 'a string or an array of strings',
        description: 'ssh options, each passed as `-o` (e.g. "UserKnownHostsFile=~/.ssh/deploy_hosts").',
      }),
    ),
    'forward-agent': Type.Optional(Type.Union([Type.Boolean(), Type.String({ maxLength: 64 })], { title: 'a boolean or a string', description: 'Forward the ssh agent (`-A`) when true or a non-empty string, as pm2 does.' })),
    repo: Text('a git repository URL or path', 'The git repository the hosts fetch from.'),
    ref: Text('a git ref such as "origin/main", a tag or a commit', 'What to deploy: `origin/main` and `main` both mean the branch main.'),
    path: Type.String({ pattern: '^/', maxLength: 4096, title: 'an absolute path on the host', description: 'The deploy folder on the host: `repo`, `releases/`, `shared/` and the `current` link live there.' }),
    keep_releases: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, title: 'an integer from 1 to 1000', description: 'Releases kept on each host (default 5); older ones are removed after a deploy.' })),
    'pre-setup': Type.Optional(Hook('Run on the host before setup, in the user\'s home; a local script file when its first word names one.')),
    'post-setup': Type.Optional(Hook('Run on the host after setup, in `path`.')),
    'pre-deploy-local': Type.Optional(Hook('Run locally (bash, in the current folder), once, before the hosts are contacted.')),
    'pre-deploy': Type.Optional(Hook('Run on the host before the fetch, in `path/current` (or `path` before the first release).')),
    'post-deploy': Type.Optional(Hook('Run on the host in the new release; `current` switches to it only when this succeeds.')),
    env: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: Type.Union([Type.String({ maxLength: APP_LIMITS.stringLength }), Type.Number(), Type.Boolean()]),
          propertyNames: { pattern: DEPLOY_ENV_NAME_PATTERN },
          maxProperties: APP_LIMITS.envVariables,
          title: 'an object of variables (names of letters, digits and "_"; values strings, numbers or booleans)',
          description: 'Exported (names upper-cased, as pm2 does) to every command run on the hosts.',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'One deploy target of the `deploy` section.' },
);

/** pm2 deploy keys svctl accepts but does not use, with why (a warning names them). */
export const IGNORED_DEPLOY_KEYS: Readonly<Record<string, string>> = {
  fetch: 'every fetch is a full fetch into path/repo',
  needs_tty: 'the deploy script goes over ssh stdin, so no terminal is allocated',
  test: "pm2-deploy's test hook; put checks in post-deploy, which keeps the old release live when it fails",
};

export const DEPLOY_DEFAULT_KEEP_RELEASES = 5;

/** A deploy target resolved for the CLI: one list of hosts, ssh options as a list, variables as strings. */
export interface DeploySpec {
  /** The environment name (`production`). */
  name: string;
  hosts: string[];
  user?: string;
  port?: number;
  /** Absolute local path of the private key. */
  key?: string;
  ssh_options: string[];
  forward_agent: boolean;
  repo: string;
  ref: string;
  path: string;
  keep_releases: number;
  hooks: Partial<Record<DeployHookName, string>>;
  /** Contents of the local script `pre-setup` names, when it names one (pm2 sends it to the host). */
  pre_setup_script?: string;
  env: Record<string, string>;
}

export const DEPLOY_HOOKS = ['pre-setup', 'post-setup', 'pre-deploy-local', 'pre-deploy', 'post-deploy'] as const;
export type DeployHookName = (typeof DEPLOY_HOOKS)[number];
