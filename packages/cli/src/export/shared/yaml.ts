// A small YAML writer for the manifests of `svctl export kubernetes`: maps, lists, strings, numbers and
// booleans (what a manifest holds), in block style. A string is written plain only when YAML 1.1 and 1.2
// both read it back as that same string; otherwise it is double-quoted with JSON's escapes, a subset of
// YAML's. Its output is checked against a real YAML parser in the tests.

export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

/** One YAML document (no `---`), ending with a newline. Keys whose value is undefined are left out. */
export function toYaml(value: YamlValue): string {
  return `${block(value, 0).join('\n')}\n`;
}

function block(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return (value as readonly YamlValue[]).flatMap((item) => {
      if (!isCollection(item) || isEmpty(item)) return [`${pad}- ${scalar(item)}`];
      const lines = block(item, indent + 2);
      return [`${pad}- ${(lines[0] ?? '').trimStart()}`, ...lines.slice(1)];
    });
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter((entry): entry is [string, YamlValue] => entry[1] !== undefined);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, item]) =>
      isCollection(item) && !isEmpty(item) ? [`${pad}${string(key)}:`, ...block(item, indent + 2)] : [`${pad}${string(key)}: ${scalar(item)}`],
    );
  }
  return [`${pad}${scalar(value)}`];
}

function scalar(value: YamlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return string(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? '[]' : '{}';
}

// Plain words that a YAML parser would read as something other than a string (1.1 booleans included).
const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|\.nan|\.NaN|\.NAN|[-+]?\.(?:inf|Inf|INF))$/;
// Anything that starts like a number (0x1F, 1_000, 12:30, .5) is quoted rather than checked against every number syntax.
const NUMBER_LIKE = /^[-+.]?[0-9]/;
const PLAIN = /^[A-Za-z0-9_/.$(][A-Za-z0-9_/.$()@=+,%-]*(?: [A-Za-z0-9_/.$()@=+,%-]+)*$/;

function string(text: string): string {
  if (PLAIN.test(text) && !RESERVED.test(text) && !NUMBER_LIKE.test(text)) return text;
  // JSON leaves DEL, C1 controls and the Unicode line separators raw; YAML wants them escaped.
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue | undefined } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCollection(value: YamlValue): boolean {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: YamlValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isMap(value) && Object.values(value).every((item) => item === undefined);
}
