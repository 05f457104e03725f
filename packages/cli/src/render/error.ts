import { isSvctlError, SvctlError } from '@svctl/protocol';

/** `svctl: <message>` and a hint line on stderr; the stack only with --verbose. */
export function renderError(error: unknown, verbose: boolean): string {
  const known = isSvctlError(error) ? error : new SvctlError('INTERNAL', (error as Error)?.message ?? String(error));
  let text = `svctl: ${known.message}\n`;
  if (known.hint !== undefined) text += `hint: ${known.hint}\n`;
  if (verbose) text += `[${known.code}]\n${(error as Error)?.stack ?? ''}\n`;
  return text;
}
