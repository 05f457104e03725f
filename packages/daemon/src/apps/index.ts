export { loadAppFile } from './load-app-file.js';
export { buildAdHocApp } from './build-ad-hoc-app.js';
export { APP_FILE_SEARCH_PLACES } from './read-app-file.js';
export type { AppFileIssue } from './types.js';
