/**
 * `instanceof` by brand, so that it holds when two copies of @org/mcp-core are installed (a
 * dependency's and the host's): every instance of a core error class carries its class's key, a
 * `Symbol.for` symbol that all copies share, and MCPError's `Symbol.hasInstance` asks for the key of
 * the class on the right. A subclass made outside core has no key of its own and is checked by
 * prototype, as `instanceof` always does, so it never accepts its parent's other instances.
 */

/** Where a branded class keeps its key. */
const CLASS_KEY = Symbol.for('@org/mcp-core.errorBrand');

type ErrorClass = abstract new (...args: never[]) => Error;

/** Brands a core error class under its fixed `name`: the key on its prototype, and the key on the class. */
export function brand(errorClass: ErrorClass, name: string): void {
  const key = Symbol.for(`@org/mcp-core.${name}`);
  Object.defineProperty(errorClass, CLASS_KEY, { value: key });
  Object.defineProperty(errorClass.prototype, key, { value: true });
}

/** Whether `value` is an instance of `errorClass`: by its brand when the class has one of its own. */
export function hasBrand(errorClass: ErrorClass, value: unknown): boolean {
  const key: unknown = Object.hasOwn(errorClass, CLASS_KEY)
    ? (errorClass as unknown as Record<symbol, unknown>)[CLASS_KEY]
    : undefined;
  if (typeof key !== 'symbol') return Function.prototype[Symbol.hasInstance].call(errorClass, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[key] === true;
}
