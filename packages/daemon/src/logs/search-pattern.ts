// What logs.search looks for in a line: a plain text (case-insensitive unless asked) or a regular
// expression run by re2js, a port of RE2: linear-time matching, so no pattern can make the daemon
// backtrack for ever (no catastrophic `(a+)+$`); the price is RE2's syntax (no backreferences, no
// lookarounds), refused with a clear error.
import { RE2JS, RE2JSException } from 're2js';

export type LineTest = (line: string) => boolean;

/**
 * The test, or why the pattern cannot be run. Returned, not thrown: this module is loaded in its own bundle
 * entry, whose copy of SvctlError the dispatcher would not recognise; the handler makes the error.
 */
export function compileSearch(pattern: string, regex: boolean, caseSensitive: boolean): LineTest | { error: string } {
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
    return { error: error.message };
  }
  return (line) => compiled.test(line);
}
