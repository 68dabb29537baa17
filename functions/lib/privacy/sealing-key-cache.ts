// The data keys this container has sealed with, by record, least recently used first out. It spares
// the command path a consistent read of the keys table on every append (bench/README.md, "Command
// path"); sealer.ts says why a key that another container destroyed meanwhile is never used from here.

export type SealingKeyCache = {
  get: (keyId: string) => Buffer | undefined;
  set: (keyId: string, key: Buffer) => void;
  /** Drops a record's key (this container destroyed it). */
  forget: (keyId: string) => void;
  size: () => number;
};

export const createSealingKeyCache = (capacity = 10_000): SealingKeyCache => {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`a sealing key cache holds at least one key, not ${capacity}`);
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const keys = new Map<string, Buffer>();
  return {
    get: (keyId) => {
      const key = keys.get(keyId);
      if (key) {
        keys.delete(keyId);
        keys.set(keyId, key);
      }
      return key;
    },
    set: (keyId, key) => {
      keys.delete(keyId);
      keys.set(keyId, key);
      if (keys.size > capacity) keys.delete(keys.keys().next().value!);
    },
    forget: (keyId) => {
      keys.delete(keyId);
    },
    size: () => keys.size,
  };
};
