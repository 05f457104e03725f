// Splitting a string into arguments like a POSIX shell would (quotes and backslashes, no expansion);
// quoting them back is quoteShellWord (@svctl/protocol).

export class UnterminatedQuoteError extends Error {}

/** `--port 3000 --name "my app"` → ["--port", "3000", "--name", "my app"]. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      // Inside double quotes a backslash only escapes ", \, $ and `.
      else if (char === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) word += text[++i];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== null) throw new UnterminatedQuoteError(`unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}
