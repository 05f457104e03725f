// Reads the command line, runs one command, and returns the exit code (bin.ts exits with it).
import { SvctlError } from '@svctl/protocol';
import { createContext } from './context.js';
import { EXIT_OK, exitCodeFor } from './exit-codes.js';
import { parseHotCommandLine } from './hot-command-line.js';
import { renderError } from './render/error.js';
import { parseYargsCommandLine } from './yargs-command-line.js';

export async function runCli(argv: string[]): Promise<number> {
  try {
    const route = parseHotCommandLine(argv) ?? (await parseYargsCommandLine(argv));
    if (route === undefined) return EXIT_OK;
    return await route.definition.run(route.args as never, createContext(route.args));
  } catch (error) {
    process.stderr.write(renderError(error, argv.includes('--verbose')));
    return error instanceof SvctlError ? exitCodeFor(error.code) : exitCodeFor('INTERNAL');
  }
}
