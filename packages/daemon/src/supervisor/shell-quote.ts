import { quoteShellWord } from '@svctl/protocol';

/** Renders argv as one line a POSIX shell would read back the same way (for display only). */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteShellWord).join(' ');
}
