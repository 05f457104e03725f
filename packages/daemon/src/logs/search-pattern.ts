// What logs.search looks for in a line: a plain text (case-insensitive unless asked) or a regular
// expression run by re2js, a port of RE2: linear-time matching, so no pattern can make the daemon
// backtrack for ever (no catastrophic `(a+)+$`); the price is RE2's syntax (no backreferences, no
// lookarounds), refused with a clear error.
import { SvctlError } from '@svctl/protocol';
import { RE2JS, RE2JSException } from 're2js';

export type LineTest = (line: string) => boolean;

export function compileSearch(pattern: string, regex: boolean, caseSensitive: boolean): LineTest {
  if (!regex) {
    if (caseSensitive) return (line) => line.includes(pattern);
    const needle = pattern.toLowerCase();
    return (line) => line.toLowerCase().includes(needle);
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    throw new SvctlError('INVALID_PARAMS', `logs.search: pattern ${JSON.stringify(pattern)} is not a regular expression svctl runs (RE2 syntax, linear time; no backreferences or lookarounds): ${error.message}`);
  }
  return (line) => compiled.test(line);
}
