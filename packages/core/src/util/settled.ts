/**
 * A synchronous throw (not connected, unsupported) as a rejection, as callers of a promise expect.
 * Not async: an async wrapper around the engine's promise costs every call two more microtask hops.
 */
export function settled<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}
