import { z } from 'zod';

/** Keys that could reach an object's prototype when data is merged by assignment: refused everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonLimits {
  /** Size of the JSON text, in bytes. */
  maxBytes: number;
  /** Nesting of arrays and objects. */
  maxDepth: number;
  /** Values in all (every array element and object property counts one). */
  maxValues: number;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

class JsonWalk {
  values = 0;
  constructor(readonly limits: JsonLimits) {}

  /** The first problem found in `value` at `where`, or null when it is plain JSON data within the limits. */
  problem(value: unknown, where: string, depth: number): string | null {
    if (++this.values > this.limits.maxValues) return `has more than ${this.limits.maxValues} values`;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? null : `${where} is not a finite number`;
    if (typeof value !== 'object') return `${where} is a ${typeof value}, which JSON cannot hold`;
    if (depth >= this.limits.maxDepth) return `is nested deeper than ${this.limits.maxDepth} levels`;
    if (Array.isArray(value)) return this.#items(value, where, depth);
    if (!isPlainObject(value)) return `${where} is not a plain object`;
    return this.#entries(value as Record<string, unknown>, where, depth);
  }

  #items(items: unknown[], where: string, depth: number): string | null {
    for (let i = 0; i < items.length; i++) {
      const found = this.problem(items[i], `${where}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }

  #entries(object: Record<string, unknown>, where: string, depth: number): string | null {
    for (const key of Object.keys(object)) {
      if (FORBIDDEN_KEYS.has(key)) return `${where} has the key "${key}", which is not allowed`;
      const found = this.problem(object[key], `${where}.${key}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
}

/** Says what is wrong with `value` as a JSON object within `limits`, or returns null when nothing is. */
export function jsonObjectProblem(value: unknown, limits: JsonLimits, name = 'settings'): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${name} must be an object`;
  const found = new JsonWalk(limits).problem(value, name, 0);
  if (found) return found.startsWith(name) ? found : `${name} ${found}`;
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > limits.maxBytes) return `${name} take ${bytes} bytes, more than the ${limits.maxBytes} allowed`;
  return null;
}

/** A zod schema for a plain JSON object within `limits`, with no prototype-pollution keys at any depth. */
export function jsonObjectSchema(limits: JsonLimits, name = 'settings'): z.ZodType<Record<string, unknown>> {
  return z.unknown().transform((value, ctx) => {
    const found = jsonObjectProblem(value, limits, name);
    if (found) {
      ctx.addIssue({ code: 'custom', message: found });
      return z.NEVER;
    }
    return value as Record<string, unknown>;
  });
}
