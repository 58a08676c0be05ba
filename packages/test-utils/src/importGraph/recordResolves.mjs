// Loaded with `--import` by packagesLoadedByImport: prints every URL the ESM loader resolves and, at exit,
// every file `require()` loaded (CommonJS loads do not pass the resolve hook), one per line.
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const hook = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stdout.write('RESOLVED ' + resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const requireCache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  for (const file of Object.keys(requireCache))
    process.stdout.write(`RESOLVED ${pathToFileURL(file).href}\n`);
});
