/** A minimal typed event emitter that works in every runtime (no Node 'events', no DOM EventTarget). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof Events]?: Array<(e: Events[K]) => void> } = {};

  on<K extends keyof Events>(event: K, fn: (e: Events[K]) => void): () => void {
    (this.listeners[event] ??= []).push(fn);
    return () => {
      this.listeners[event] = this.listeners[event]?.filter((f) => f !== fn);
    };
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const fn of this.listeners[event] ?? []) fn(value);
  }
}
