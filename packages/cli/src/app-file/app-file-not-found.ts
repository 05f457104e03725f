// The one wording of a missing app file on the command line (start and export say it alike).
import { SvctlError } from '@svctl/protocol';

export function appFileNotFound(absolutePath: string, hint: string): SvctlError {
  return new SvctlError('APP_FILE_NOT_FOUND', `file not found: ${absolutePath}`, { hint });
}
