// The words of a command line that are not options or option values (the verb first).

// Global options that take a value: their value is not a command word.
const VALUED_GLOBALS = new Set(['--home', '--config', '--timeout']);

export function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (word === '--') break;
    if (VALUED_GLOBALS.has(word)) index++;
    else if (!word.startsWith('-') || /^-\d/.test(word)) words.push(word);
  }
  return words;
}
