// GET /metrics: the Prometheus text exposition of the daemon's metrics (docs/api.md "Metrics").
import type http from 'node:http';
import { SvctlError } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { MetricsRecorder } from '../metrics/recorder.js';
import { sendError } from './http-reply.js';

export function serveMetrics(response: http.ServerResponse, metrics: MetricsRecorder, logger: Logger): void {
  metrics.render().then(
    ({ contentType, text }) => {
      response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      response.end(text);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'metrics collection failed');
      sendError(response, 500, new SvctlError('INTERNAL', `metrics collection failed: ${(error as Error).message}`));
    },
  );
}
