/** Whether the studio said a run is going (set through setRunActive); quitting then asks first. */
export class RunActivity {
  #active = false;

  get active(): boolean {
    return this.#active;
  }

  set(active: boolean): void {
    this.#active = active;
  }
}
