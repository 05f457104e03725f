// Quoting for a POSIX shell, shared by the daemon (shell command lines of apps) and the CLI (deploy scripts).

/** Quotes one argument for /bin/sh, leaving plain words as they are; any value survives unchanged. */
export function quoteShellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
