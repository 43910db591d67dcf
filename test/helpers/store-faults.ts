import type { GroupStore } from "../../src/store/group-store.js";
import type { Store } from "../../src/store/store.js";

/** Binds methods to the real object, so a proxy can stand in for a class instance. */
function passThrough<T extends object>(
  target: T,
  overrides: Partial<Record<keyof T, unknown>>,
  prop: PropertyKey,
) {
  if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof T];
  const value = Reflect.get(target, prop, target);
  return typeof value === "function" ? value.bind(target) : value;
}

/** The store with some group-store methods replaced: to make a write fail, or the process "die" there. */
export function withGroupStore(store: Store, overrides: Partial<GroupStore>): Store {
  const groups = new Proxy(store.groups, { get: (target, prop) => passThrough(target, overrides, prop) });
  return new Proxy(store, {
    get: (target, prop) => (prop === "groups" ? groups : passThrough(target, {}, prop)),
  });
}
