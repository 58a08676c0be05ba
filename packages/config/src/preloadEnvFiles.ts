import { type ParseMcpConfigOptions, parseMcpConfig } from './parseMcpConfig.js';
import { readRegularFile } from './readRegularFile.js';

type Read = { text: string } | { error: unknown };

/**
 * Reads every `envFile` a config needs asynchronously, so that `parseMcpConfig` can stay
 * synchronous: a first parse with a recording reader learns which files are needed (stdio servers
 * only, paths expanded), they are read concurrently, and the returned reader serves the results to
 * the real parse. The two parses see the same input, so they ask for the same files.
 */
export async function preloadEnvFiles(
  json: unknown,
  options: ParseMcpConfigOptions,
  maxBytes: number,
): Promise<(path: string) => string> {
  const paths = new Set<string>();
  try {
    parseMcpConfig(json, {
      ...options,
      readEnvFile: (path) => {
        paths.add(path);
        return '';
      },
    });
  } catch {
    // The real parse reports the same problems.
  }
  const reads = new Map<string, Read>(
    await Promise.all(
      [...paths].map(async (path): Promise<[string, Read]> => {
        try {
          return [path, { text: await readRegularFile(path, maxBytes) }];
        } catch (error) {
          return [path, { error }];
        }
      }),
    ),
  );
  return (path) => {
    const read = reads.get(path)!;
    if ('error' in read) throw read.error;
    return read.text;
  };
}
