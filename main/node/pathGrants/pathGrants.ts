import { randomUUID } from 'node:crypto';
import path from 'node:path';

/** Where main learned a path. Only these sources exist: the renderer can never add a path of its own making. */
export type GrantSource = 'dialog' | 'drop' | 'command-line' | 'os' | 'recent' | 'export';

export interface Grant {
  path: string;
  source: GrantSource;
}

/** A token the renderer sent that main never issued (or issued in an earlier session). */
export class UnknownTokenError extends Error {
  constructor() {
    super('this file is no longer available; open it again');
    this.name = 'UnknownTokenError';
  }
}

/**
 * The allowlist of files main has seen from a trusted source. The renderer only ever holds opaque tokens
 * (random UUIDs); handlers turn a token back into the path main granted, and refuse anything else.
 */
export class PathGrants {
  readonly #byToken = new Map<string, Grant>();
  readonly #tokenByPath = new Map<string, string>();

  /** Records `file` (made absolute) and returns its token; the same path keeps the same token. */
  grant(file: string, source: GrantSource): string {
    const absolute = path.resolve(file);
    const existing = this.#tokenByPath.get(absolute);
    if (existing) return existing;
    const token = randomUUID();
    this.#byToken.set(token, { path: absolute, source });
    this.#tokenByPath.set(absolute, token);
    return token;
  }

  /** The grant behind `token`; throws UnknownTokenError for tokens main never issued. */
  resolve(token: string): Grant {
    const grant = this.#byToken.get(token);
    if (!grant) throw new UnknownTokenError();
    return grant;
  }

  /** Forgets a path (a recent file that disappeared), so its token stops working. */
  revoke(file: string): void {
    const absolute = path.resolve(file);
    const token = this.#tokenByPath.get(absolute);
    if (!token) return;
    this.#tokenByPath.delete(absolute);
    this.#byToken.delete(token);
  }

  get size(): number {
    return this.#byToken.size;
  }
}
