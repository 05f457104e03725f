/** The CLI's environment as the app-file loader takes it (base_env): unset variables left out. */
export function currentEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
