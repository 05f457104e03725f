// What every verb prints after acting: one line per app (and its failed instances), warnings on stderr, then the list.
import { AppsList, type AppOutcome, type SvctlClient } from '@svctl/protocol';
import type { CommandContext } from './context.js';
import { EXIT_FAILED, EXIT_OK } from './exit-codes.js';
import { useColor } from './render/colors.js';
import { renderInstanceTable } from './render/instance-table.js';
import { renderOutcome } from './render/outcomes.js';

export async function reportOutcomes(
  context: CommandContext,
  client: SvctlClient,
  result: { apps: AppOutcome[]; warnings: string[]; file?: string | null },
  /** The app file as the user named it (start), for the command that applies its changes. */
  file?: string,
): Promise<number> {
  for (const warning of result.warnings) context.notice(`warning: ${warning}`);
  for (const { app, warnings } of result.apps) for (const warning of warnings ?? []) context.notice(`warning: ${app}: ${warning}`);
  const failed = result.apps.some((outcome) => outcome.failed === true);
  if (context.json) {
    context.printJson(result);
    return failed ? EXIT_FAILED : EXIT_OK;
  }
  for (const outcome of result.apps) context.print(renderOutcome(outcome, file));
  const { instances } = await client.call(AppsList, {});
  context.print(renderInstanceTable(instances, useColor(process.stdout)));
  return failed ? EXIT_FAILED : EXIT_OK;
}
