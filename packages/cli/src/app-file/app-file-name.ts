import path from 'node:path';

// The names pm2 treats as app files rather than scripts to run (or, for deploy, rather than an environment).
const APP_FILE = /(\.config\.[cm]?[jt]s|\.json5?|\.ya?ml|^\.svctlrc.*)$/;

export function isAppFileName(target: string): boolean {
  return APP_FILE.test(path.basename(target));
}
