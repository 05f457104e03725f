// What the daemon and its app-loader process exchange (see loader-main.ts and load-in-child.ts).
import type { WireError } from '@svctl/protocol';
import type { AdHocRequest, LoadRequest, LoadResult } from './types.js';

export type LoaderRequest = { kind: 'file'; request: LoadRequest } | { kind: 'adhoc'; request: AdHocRequest };

export type LoaderReply = { ok: true; result: LoadResult } | { ok: false; error: WireError };
