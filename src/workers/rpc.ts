/**
 * A worker's side of the view controller's requests (src/client/view-page.ts): each request
 * carries a number, and its answer (a value, or the error's message) carries it back.
 */
export type Handlers = Record<string, (request: never) => unknown>;

export function serve(handlers: Handlers): void {
  self.onmessage = async (e: MessageEvent<{ type: string; seq: number }>) => {
    const { seq, type } = e.data;
    try {
      const handler = handlers[type];
      if (!handler) throw new Error(`the worker does not know "${type}"`);
      const value = await handler(e.data as never);
      const transfer = value instanceof Uint32Array || value instanceof Float64Array ? [value.buffer] : [];
      self.postMessage({ seq, ok: true, value }, { transfer });
    } catch (err) {
      self.postMessage({ seq, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };
}
