/**
 * Where the measured `auto` keeps its verdicts: IndexedDB, because the choice is made inside workers, which have
 * no localStorage. One small object store, one record per key (autoChoice.ts: app version | adapter | workload).
 * Where IndexedDB is missing or refuses (Node, a private window that forbids it), verdicts live in memory for the
 * life of the worker: auto then measures once per worker instead of once per browser.
 */

export interface VerdictStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

const DB_NAME = 'score-lab-backend';
const STORE = 'verdicts';

/** Verdicts in a Map (tests, and the fallback when IndexedDB is unavailable). */
export function memoryVerdictStore(): VerdictStore {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
  };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const open = factory.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

/** IndexedDB when this context has it, else memory. A failing database degrades to memory, never to an error. */
export function browserVerdictStore(): VerdictStore {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const fallback = memoryVerdictStore();
  if (!factory) return fallback;
  let db: Promise<IDBDatabase | null> | null = null;
  const database = () => (db ??= openDb(factory).catch(() => null));
  return {
    async get(key) {
      const d = await database();
      if (!d) return fallback.get(key);
      try {
        return await request(d.transaction(STORE, 'readonly').objectStore(STORE).get(key));
      } catch {
        return fallback.get(key);
      }
    },
    async set(key, value) {
      await fallback.set(key, value);
      const d = await database();
      if (!d) return;
      try {
        await request(d.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key));
      } catch {
        // Kept in memory only.
      }
    },
  };
}
