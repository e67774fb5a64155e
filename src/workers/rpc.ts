/**
 * A page's requests to its worker and the worker's answers: each request carries a number,
 * and its answer (a value, or the error's message) carries it back. `serve` is the worker's
 * side, `requester` the page's (src/client/view-page.ts gives it to a view as `io.work`).
 */
export type Handlers = Record<string, (request: never) => unknown>;
type Answer = { seq: number; ok: true; value: unknown } | { seq: number; ok: false; message: string };

export function serve(handlers: Handlers): void {
  self.onmessage = async (e: MessageEvent<{ type: string; seq: number }>) => {
    const { seq, type } = e.data;
    try {
      const handler = handlers[type];
      if (!handler) throw new Error(`the worker does not know "${type}"`);
      const value = await handler(e.data as never);
      const transfer = value instanceof Uint32Array || value instanceof Float64Array ? [value.buffer] : [];
      self.postMessage({ seq, ok: true, value } satisfies Answer, { transfer });
    } catch (err) {
      self.postMessage({ seq, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies Answer);
    }
  };
}

/** Requests to a worker made when first asked for; every request waiting fails if the worker stops. */
export function requester(make: (() => Worker) | undefined) {
  let worker: Worker | undefined;
  /** why the worker stopped: a request after that fails at once instead of waiting for ever */
  let stopped: string | null = null;
  let n = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const start = (w: Worker) => {
    w.addEventListener('message', (e: MessageEvent<Answer>) => {
      const a = e.data;
      const p = waiting.get(a.seq);
      waiting.delete(a.seq);
      if (a.ok) p?.resolve(a.value);
      else p?.reject(new Error(a.message));
    });
    w.addEventListener('error', (e) => {
      stopped = e.message || 'the worker stopped';
      for (const p of waiting.values()) p.reject(new Error(stopped));
      waiting.clear();
    });
    return w;
  };
  return <T>(request: object, transfer: Transferable[] = []): Promise<T> => {
    if (!make) return Promise.reject(new Error('this view has no worker'));
    if (stopped) return Promise.reject(new Error(stopped));
    worker ??= start(make());
    const seq = ++n;
    const answer = new Promise<T>((resolve, reject) => waiting.set(seq, { resolve: (v) => resolve(v as T), reject }));
    worker.postMessage({ ...request, seq }, transfer);
    return answer;
  };
}
