import { InvalidArgumentError } from 'commander';

/** A commander argument parser for a whole number in [min, max]. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `expected a whole number ≥ ${min}` : `expected a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

/** A commander argument parser for a finite number ≥ min (or > min when `exclusive`). */
export function decimal(min: number, { exclusive = false } = {}): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || (exclusive && n === min)) {
      throw new InvalidArgumentError(`expected a number ${exclusive ? '>' : '≥'} ${min}`);
    }
    return n;
  };
}

/** Collects a repeatable option taking numbers, also accepting comma-separated lists ("--style-weight 2,1"). */
export function decimalList(min: number): (value: string, previous: number[] | undefined) => number[] {
  const one = decimal(min);
  return (value, previous) => [...(previous ?? []), ...value.split(',').map((v) => one(v))];
}

/** Collects a repeatable string option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
