// An output sink that pipes into a plain stream, so unit tests can read what a run printed; release ends the stream.
import type { Readable, Writable } from 'node:stream';
import type { OutputSink } from '../../src/lifecycle/unit.js';

export function sinkInto(target: Writable): OutputSink {
  let source: Readable | null = null;
  return {
    attach: (from) => {
      source = from;
      from.pipe(target, { end: false });
    },
    release: () => {
      source?.unpipe(target);
      target.end();
    },
  };
}
