// Why a JS/TS app file could not be evaluated, told the way YAML errors are: the error, where it is
// (file:line:column) and a code frame. A CommonJS file in a `"type": "module"` package (pm2's
// `module.exports` after a project moved to ESM) and ESM syntax in a CommonJS file are explained
// with their fixes instead of Node's wording alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the evaluating child reports of a throw: the error's name, message and stack (with `node --check` output for a syntax error). */
export interface ModuleFailure {
  name: string;
  message: string;
  stack: string;
}

interface Location {
  line: number;
  column: number;
}

const FRAME_LINES_BEFORE = 2;
const FRAME_LINES_AFTER = 2;
const FRAME_LINE_CHARS = 160;

/** `ReferenceError: boom (ecosystem.config.js:3:9)` and the code frame; `shown` is the file as messages show it. */
export function describeModuleFailure(file: string, shown: string, failure: ModuleFailure): string {
  const location = locate(file, failure);
  const headline = `${failure.name}: ${firstLine(failure.message)}${location === null ? '' : ` (${shown}:${location.line}:${location.column})`}`;
  const frame = location === null ? null : codeFrame(file, location);
  const advice = moduleKindAdvice(file, failure);
  return [headline, ...(frame === null ? [] : ['', frame]), ...(advice === null ? [] : ['', advice])].join('\n');
}

// esbuild (TypeScript) says `Transform failed with 1 error:` and puts the error, after its location, on the next line.
function firstLine(message: string): string {
  const [first = message, second] = message.split('\n');
  return first.endsWith(':') && second !== undefined ? `${first} ${second.replace(/^.*?:\d+:\d+: /, '')}` : first;
}

function locate(file: string, failure: ModuleFailure): Location | null {
  const text = `${failure.message}\n${failure.stack}`;
  const names = [pathToFileURL(file).href, file].map(escapeRegExp).join('|');
  // A stack frame or esbuild's message: `file:///x/app.js:3:9`, `(/x/app.js:3:9)`, `/x/app.ts:2:21: ERROR`.
  const frame = new RegExp(`(?:${names}):(\\d+):(\\d+)`).exec(text);
  if (frame !== null) return { line: Number(frame[1]), column: Number(frame[2]) };
  // Node's syntax error header: `/x/app.js:3`, the source line, then carets under the token.
  const header = new RegExp(`(?:${names}):(\\d+)\\n.*\\n( *)\\^`).exec(text);
  if (header !== null) return { line: Number(header[1]), column: (header[2] ?? '').length + 1 };
  return null;
}

/** The lines around `line`, numbered, with a marker under `column` (js-yaml's layout). */
function codeFrame(file: string, { line, column }: Location): string | null {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  } catch {
    return null;
  }
  if (line < 1 || line > lines.length) return null;
  const first = Math.max(1, line - FRAME_LINES_BEFORE);
  const last = Math.min(lines.length, line + FRAME_LINES_AFTER);
  const width = String(last).length;
  const rows: string[] = [];
  for (let number = first; number <= last; number++) {
    rows.push(` ${String(number).padStart(width)} | ${(lines[number - 1] ?? '').slice(0, FRAME_LINE_CHARS)}`);
    if (number === line) rows.push(`${'-'.repeat(width + 3 + Math.min(column, FRAME_LINE_CHARS))}^`);
  }
  return rows.join('\n');
}

function moduleKindAdvice(file: string, failure: ModuleFailure): string | null {
  const name = path.basename(file);
  const stem = name.slice(0, name.length - path.extname(name).length);
  const commonJsInEsm = /^(module|exports|require|__dirname|__filename) is not defined in ES module scope/.exec(failure.message);
  if (commonJsInEsm !== null) {
    const packageJson = /'([^']*package\.json)' contains "type": "module"/.exec(failure.message)?.[1] ?? 'the nearest package.json';
    return (
      `${name} is written as CommonJS (it uses ${commonJsInEsm[1]}), but ${packageJson} says "type": "module", so Node loads ${name} as an ES module. Either:\n` +
      `  - rename it to ${stem}.cjs (svctl start ${stem}.cjs), or\n` +
      '  - write it as an ES module: `export default { apps: [...] }` instead of `module.exports = { apps: [...] }` (and `import` instead of `require`)'
    );
  }
  if (failure.name === 'SyntaxError' && /Cannot use import statement outside a module|Unexpected token 'export'/.test(failure.message)) {
    return (
      `${name} is written as an ES module (import/export), but Node loads it as CommonJS (no "type": "module" in its package.json). Either:\n` +
      `  - rename it to ${stem}.mjs, or\n` +
      '  - write it as CommonJS: `module.exports = { apps: [...] }` (and `require` instead of `import`)'
    );
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
