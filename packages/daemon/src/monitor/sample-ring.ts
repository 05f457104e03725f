// The last SAMPLE_HISTORY_LIMIT samples of one instance, kept as numbers in one fixed buffer (about
// 2 KB) instead of two objects per sample (about 6.5 KB once full): Sample
// objects are built only when read (describe, monit, monitor.samples).
import { SAMPLE_HISTORY_LIMIT, type Sample } from '@svctl/protocol';

/** One sample as the monitor records it. */
export interface RecordedSample {
  /** The process group sampled (the pid of the instance's process then). */
  pgid: number;
  /** Epoch milliseconds. */
  atMs: number;
  cpu: number | null;
  memory: number;
  processes: number;
}

/** The CPU and memory columns of the kept samples, oldest first. */
export interface SampleSeries {
  cpu: (number | null)[];
  memory: number[];
}

// Float64 columns (at-ms, cpu with NaN for null, memory bytes), then Int32 columns (pgid, processes).
const FLOAT_COLUMNS = 3;
const INT_COLUMNS = 2;
const [AT, CPU, MEMORY] = [0, 1, 2].map((column) => column * SAMPLE_HISTORY_LIMIT) as [number, number, number];
const [PGID, PROCESSES] = [0, 1].map((column) => column * SAMPLE_HISTORY_LIMIT) as [number, number];

export class SampleRing {
  readonly #floats: Float64Array;
  readonly #ints: Int32Array;
  /** Slot of the next sample. */
  #next = 0;
  #size = 0;

  constructor() {
    const floatBytes = FLOAT_COLUMNS * SAMPLE_HISTORY_LIMIT * Float64Array.BYTES_PER_ELEMENT;
    const buffer = new ArrayBuffer(floatBytes + INT_COLUMNS * SAMPLE_HISTORY_LIMIT * Int32Array.BYTES_PER_ELEMENT);
    this.#floats = new Float64Array(buffer, 0, FLOAT_COLUMNS * SAMPLE_HISTORY_LIMIT);
    this.#ints = new Int32Array(buffer, floatBytes, INT_COLUMNS * SAMPLE_HISTORY_LIMIT);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a sample; once full, it replaces the oldest. */
  push(sample: RecordedSample): void {
    const slot = this.#next;
    this.#floats[AT + slot] = sample.atMs;
    this.#floats[CPU + slot] = sample.cpu ?? Number.NaN;
    this.#floats[MEMORY + slot] = sample.memory;
    this.#ints[PGID + slot] = sample.pgid;
    this.#ints[PROCESSES + slot] = sample.processes;
    this.#next = (slot + 1) % SAMPLE_HISTORY_LIMIT;
    this.#size = Math.min(this.#size + 1, SAMPLE_HISTORY_LIMIT);
  }

  /** CPU and memory of the newest sample if it was taken of process group `pgid`, else undefined. */
  latestOf(pgid: number): { cpu: number | null; memory: number } | undefined {
    if (this.#size === 0) return undefined;
    const slot = this.#slot(this.#size - 1);
    if (this.#ints[PGID + slot] !== pgid) return undefined;
    return { cpu: this.#cpu(slot), memory: this.#float(MEMORY + slot) };
  }

  /** The last `limit` samples (default all kept), oldest first. */
  samples(limit = SAMPLE_HISTORY_LIMIT): Sample[] {
    return this.#slots(limit).map((slot) => ({
      at: new Date(this.#float(AT + slot)).toISOString(),
      cpu: this.#cpu(slot),
      memory: this.#float(MEMORY + slot),
      processes: this.#ints[PROCESSES + slot] ?? 0,
    }));
  }

  /** The CPU and memory of the last `limit` samples (default all kept), oldest first. */
  series(limit = SAMPLE_HISTORY_LIMIT): SampleSeries {
    const slots = this.#slots(limit);
    return { cpu: slots.map((slot) => this.#cpu(slot)), memory: slots.map((slot) => this.#float(MEMORY + slot)) };
  }

  /** Slots of the last `limit` samples, oldest first. */
  #slots(limit: number): number[] {
    const count = Math.max(0, Math.min(limit, this.#size));
    return Array.from({ length: count }, (_, index) => this.#slot(this.#size - count + index));
  }

  /** Slot of the index-th kept sample, 0 the oldest. */
  #slot(index: number): number {
    return (this.#next - this.#size + index + SAMPLE_HISTORY_LIMIT) % SAMPLE_HISTORY_LIMIT;
  }

  #cpu(slot: number): number | null {
    const cpu = this.#float(CPU + slot);
    return Number.isNaN(cpu) ? null : cpu;
  }

  #float(index: number): number {
    return this.#floats[index] ?? 0;
  }
}
