import { vi } from "vitest";

/** localStorage in memory, for the autosave queues' tests. */
export class MemoryStorage {
  private data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  keys() {
    return [...this.data.keys()];
  }
}

/** The browser an autosave queue lives in: fake timers, localStorage, online/offline events, page visibility. */
export function fakeBrowser(): MemoryStorage {
  vi.useFakeTimers();
  const storage = new MemoryStorage();
  vi.stubGlobal("window", Object.assign(new EventTarget(), { localStorage: storage }));
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
  vi.stubGlobal("navigator", { onLine: true });
  return storage;
}

export function leaveFakeBrowser() {
  vi.useRealTimers();
  vi.unstubAllGlobals();
}
