// Ids come back exactly as sent: JSON.parse rounds integers above 2^53, and Node 20 has no JSON.parse
// source access, so the raw number text of each request's "id" is read from the frame itself.
import type { ResponseMessage } from './jsonrpc.js';
import { SerializedResult } from './serialized-result.js';

/**
 * The raw text of a numeric "id" member, per request of a frame that JSON.parse already accepted:
 * one entry for a single request object, one per element for a batch (undefined where there is none).
 */
export function numericIdTokens(text: string): Array<string | undefined> {
  let at = skipSpace(text, 0);
  if (text[at] === '{') return [objectIdToken(text, at)];
  if (text[at] !== '[') return [];
  const tokens: Array<string | undefined> = [];
  at = skipSpace(text, at + 1);
  while (at < text.length && text[at] !== ']') {
    tokens.push(text[at] === '{' ? objectIdToken(text, at) : undefined);
    at = skipSpace(text, skipValue(text, at));
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return tokens;
}

/**
 * The response as a JSON text whose id is `rawId` verbatim (the id member comes right after "jsonrpc"); a
 * result already serialized (SerializedResult) goes in as its text.
 */
export function stringifyWithRawId(response: ResponseMessage, rawId: string | undefined): string {
  if ('result' in response && response.result instanceof SerializedResult) {
    return `{"jsonrpc":"2.0","id":${rawId ?? JSON.stringify(response.id)},"result":${response.result.json}}`;
  }
  // The usual id (a small integer) reads back as written: no placeholder pass over a large result.
  if (rawId === undefined || rawId === JSON.stringify(response.id)) return JSON.stringify(response);
  const placeholder = '\u0000svctl-raw-id';
  return JSON.stringify({ ...response, id: placeholder }).replace(JSON.stringify(placeholder), () => rawId);
}

function objectIdToken(text: string, start: number): string | undefined {
  let token: string | undefined;
  let at = skipSpace(text, start + 1);
  while (at < text.length && text[at] !== '}') {
    const keyEnd = skipString(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    // The last duplicate wins, as in JSON.parse.
    if (key === 'id') token = /^[-0-9]/.test(text[valueStart] ?? '') ? text.slice(valueStart, valueEnd) : undefined;
    at = skipSpace(text, valueEnd);
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return token;
}

/** The index just past the value starting at `start`; nesting is walked with a counter, not recursion. */
function skipValue(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return skipString(text, start);
  if (first !== '{' && first !== '[') {
    let at = start;
    while (at < text.length && !',}] \t\r\n'.includes(text[at] as string)) at++;
    return at;
  }
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const char = text[at];
    if (char === '"') {
      at = skipString(text, at);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    at++;
    if (depth === 0) return at;
  }
  return at;
}

function skipString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at + 1;
}

function skipSpace(text: string, start: number): number {
  let at = start;
  while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at++;
  return at;
}
