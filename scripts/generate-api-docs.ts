// Generates the API description documents from the protocol package: docs/openrpc.json (the JSON-RPC
// methods), docs/openapi.json (the gateway's HTTP endpoints) and the method table in docs/api.md (between
// its markers). The bundle copies both documents into the daemon, which serves them (gateway/docs-routes.ts).
// The outputs are committed; a test fails when they are stale. Run: npm run generate
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodFacts, methodTable } from './api-methods.js';
import { replaceMarkedSection } from './marked-section.js';
import { openApiDocument } from './openapi-document.js';
import { openRpcDocument } from './openrpc-document.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs');
export const GENERATED_API_DOCS = { openRpc: path.join(docs, 'openrpc.json'), openApi: path.join(docs, 'openapi.json'), apiMd: path.join(docs, 'api.md') };


export const generateOpenRpc = (): string => `${JSON.stringify(openRpcDocument(), null, 2)}\n`;
export const generateOpenApi = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

/** docs/api.md with its method table regenerated (the text around the markers is kept). */
export function generateApiMd(current: string): string {
  return replaceMarkedSection(current, 'methods', methodTable(methodFacts()), GENERATED_API_DOCS.apiMd);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(GENERATED_API_DOCS.openRpc, generateOpenRpc());
  fs.writeFileSync(GENERATED_API_DOCS.openApi, generateOpenApi());
  fs.writeFileSync(GENERATED_API_DOCS.apiMd, generateApiMd(fs.readFileSync(GENERATED_API_DOCS.apiMd, 'utf8')));
  console.log(`wrote ${GENERATED_API_DOCS.openRpc}, ${GENERATED_API_DOCS.openApi} and the method table of ${GENERATED_API_DOCS.apiMd}`);
}
