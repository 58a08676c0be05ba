import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The catalog file under the user's cache folder: $XDG_CACHE_HOME, else ~/Library/Caches (macOS),
 * %LOCALAPPDATA% (Windows), ~/.cache.
 */
export function defaultCatalogPath(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const cache =
    env.XDG_CACHE_HOME ||
    (platform === 'darwin' ? join(homedir(), 'Library', 'Caches') : undefined) ||
    (platform === 'win32' ? env.LOCALAPPDATA : undefined) ||
    join(homedir(), '.cache');
  return join(cache, 'org-mcp', 'catalog.json');
}
