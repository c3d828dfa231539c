// Node 20's AsyncLocalStorage gives every new async resource (every promise, timer, socket) a copy
// of each enabled storage's current value, `undefined` included. A Next.js server enables about a
// dozen storages (its own for pages, route handlers and the middleware sandbox, and the app's), and
// a request makes hundreds of promises, so most of that work writes `undefined` under a dozen
// symbol keys, each a new hidden class for the promise. Reading a key that was never written gives
// `undefined` too, so writing only the values that are set changes nothing a storage can observe
// and leaves most promises as they were born. Applied only to the implementation it was written
// for (Node versions whose storages propagate this way; later ones carry context differently and
// keep their own code).
import { AsyncLocalStorage } from "node:async_hooks";

const EXPECTED =
  /^_propagate\(resource, triggerResource, type\) \{\s*const store = triggerResource\[this\.kResourceStore\];\s*if \(this\.enabled\) \{\s*resource\[this\.kResourceStore\] = store;\s*\}\s*\}$/;

/** True when the lighter propagation was installed. */
export function lightenAsyncContext() {
  const proto = AsyncLocalStorage.prototype;
  const original = proto._propagate;
  if (typeof original !== "function" || !EXPECTED.test(original.toString())) return false;
  proto._propagate = function propagateSetValues(resource, triggerResource) {
    const store = triggerResource[this.kResourceStore];
    if (store !== undefined && this.enabled) resource[this.kResourceStore] = store;
  };
  return true;
}
