// What an export produces: files (names without folders) and the warnings for stderr.
export interface ExportFile {
  name: string;
  content: string;
  /** Holds secret values: written with mode 0600. */
  secret: boolean;
}

export interface ExportResult {
  files: ExportFile[];
  warnings: string[];
}
