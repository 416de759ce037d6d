import { describe, expect, it } from 'vitest';
import { BeforeUnloadGuard } from '../../renderer/host/beforeUnloadGuard.js';

/** A BeforeUnloadEvent as browsers make it: cancelable, with a writable returnValue. */
class BeforeUnload extends Event {
  override returnValue = true;
  constructor() {
    super('beforeunload', { cancelable: true });
  }
}

/** What the browser does on leaving the page: it asks when a beforeunload listener cancelled the event. */
function leave(target: EventTarget): boolean {
  const event = new BeforeUnload();
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('leaving the web studio during a run', () => {
  it('asks only while a run is going', () => {
    const page = new EventTarget();
    const guard = new BeforeUnloadGuard(page as unknown as Window);
    expect(leave(page)).toBe(false);
    guard.set(true);
    guard.set(true);
    expect(leave(page)).toBe(true);
    guard.set(false);
    expect(leave(page)).toBe(false);
  });
});
