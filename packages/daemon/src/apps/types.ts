/** One problem in an app file; APP_FILE_INVALID details list all of them. */
export interface AppFileIssue {
  /** The app's name, or `apps[2]` when it has none. */
  app: string;
  /** Key path inside the app, e.g. `env.PORT`; empty for the file as a whole. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  suggestion?: string;
}

/** Where the apps come from, as the rest of the pipeline needs it. */
export interface AppSource {
  /** Absolute path, or `(command line)`. */
  file: string;
  /** The file as shown in messages: relative to the CLI's cwd when inside it. */
  displayName: string;
  /** Relative cwd values resolve against this folder. */
  baseDir: string;
  sourceFile: string | null;
}
