import type { Writable } from 'node:stream';

/** One write's worth of lines and the promise every sender of them waits on. */
interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Coalesces the lines sent within one tick into a single write: a burst of requests (64 in
 * flight, answered by one chunk) costs one pipe write instead of one each. Lines keep their
 * order; while the pipe is full, new lines wait for 'drain', as separate writes would.
 */
export class LineWriter {
  private queued = '';
  private batch: Batch | undefined;
  private waitingForDrain = false;

  constructor(
    private readonly stream: Writable,
    private readonly closedError: () => Error,
  ) {}

  /** Queues one line (with its newline); resolves once it is handed to the stream, after 'drain' if the pipe was full. */
  write(line: string): Promise<void> {
    this.queued += line;
    if (this.batch) return this.batch.promise;
    const batch = newBatch();
    this.batch = batch;
    // After the current microtasks, so every request a chunk of answers sets off joins the write.
    if (!this.waitingForDrain) process.nextTick(() => this.flush());
    return batch.promise;
  }

  /** Writes what is queued now; the owner calls it before ending the stream, so nothing sent is lost. */
  flush(): void {
    const batch = this.batch;
    if (!batch || this.waitingForDrain) return;
    const text = this.queued;
    this.batch = undefined;
    this.queued = '';
    const stream = this.stream;
    if (!stream.writable) {
      batch.reject(this.closedError());
      return;
    }
    if (stream.write(text)) {
      batch.resolve();
      return;
    }
    this.waitingForDrain = true;
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      this.waitingForDrain = false;
      batch.resolve();
      this.flush();
    };
    stream.on('drain', done);
    stream.on('close', done);
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}
