import { createRequire } from 'node:module';

/**
 * undici, loaded when the first dispatcher is made (a server's first request), never at import: importing a
 * transport costs no HTTP client until it is used. `require` keeps `networkDispatcher` synchronous (OAuth
 * builds its dispatcher synchronously too); undici is CommonJS, so this is the very module `import` gives and
 * a user's undici `Dispatcher` classes are the same ones.
 */
let undici: typeof import('undici') | undefined;

export function undiciModule(): typeof import('undici') {
  undici ??= createRequire(import.meta.url)('undici') as typeof import('undici');
  return undici;
}
