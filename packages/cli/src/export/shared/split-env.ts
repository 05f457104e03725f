// An app's variables, split by the rule `describe` masks with: secret-looking names apart from the rest.
import { isSecretName } from '@svctl/protocol';

export interface SplitEnv {
  plain: Record<string, string>;
  secret: Record<string, string>;
}

export function splitSecretEnv(env: Readonly<Record<string, string>>): SplitEnv {
  const split: SplitEnv = { plain: {}, secret: {} };
  for (const [name, value] of Object.entries(env)) (isSecretName(name) ? split.secret : split.plain)[name] = value;
  return split;
}
