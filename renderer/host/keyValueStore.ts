/**
 * A tiny persistent key–value store on IndexedDB for the web host (settings, imported weights). Where
 * IndexedDB is unavailable (some private modes), values live in memory for the session.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

const STORE = 'kv';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB cannot be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

function indexedDbStore(db: IDBDatabase): KeyValueStore {
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  return {
    get: async <T>(key: string) => (await request(store('readonly').get(key))) as T | undefined,
    set: async (key, value) => void (await request(store('readwrite').put(value, key))),
    delete: async (key) => void (await request(store('readwrite').delete(key))),
  };
}

function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => void values.set(key, structuredClone(value)),
    delete: async (key) => void values.delete(key),
  };
}

export async function openKeyValueStore(name: string): Promise<KeyValueStore> {
  if (typeof indexedDB === 'undefined') return memoryStore();
  try {
    return indexedDbStore(await openDatabase(name));
  } catch {
    return memoryStore();
  }
}
