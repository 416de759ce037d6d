/** Asks the browser to confirm leaving the page (the run would stop) while `active` is set. */
export class BeforeUnloadGuard {
  #active = false;

  constructor(private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window) {}

  set(active: boolean): void {
    if (active === this.#active) return;
    this.#active = active;
    if (active) this.target.addEventListener('beforeunload', confirmLeaving);
    else this.target.removeEventListener('beforeunload', confirmLeaving);
  }
}

/** Browsers show their own wording; the run is kept and offered for resuming next time. */
function confirmLeaving(event: BeforeUnloadEvent): void {
  event.preventDefault();
  event.returnValue = '';
}
