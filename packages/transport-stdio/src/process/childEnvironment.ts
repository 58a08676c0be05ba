/** Variables a server inherits from the host by default on POSIX; `LC_*` is matched as a prefix. */
export const INHERITED_ENV_POSIX: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'LANG',
  'TMPDIR',
  'TZ',
];

/** The Windows equivalents, matched without regard to case as Windows does. */
export const INHERITED_ENV_WINDOWS: readonly string[] = [
  'APPDATA',
  'COMSPEC',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'PATH',
  'PATHEXT',
  'PROCESSOR_ARCHITECTURE',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'SYSTEMDRIVE',
  'SYSTEMROOT',
  'TEMP',
  'TMP',
  'USERDOMAIN',
  'USERNAME',
  'USERPROFILE',
  'WINDIR',
];

export interface ChildEnvironmentOptions {
  /** The configured variables; they win over inherited ones. */
  env?: Record<string, string> | undefined;
  /** Pass the whole parent environment instead of the minimal set. Default false. */
  inheritEnv?: boolean | undefined;
  /** The host environment. Default `process.env`. */
  parent?: NodeJS.ProcessEnv;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
}

/**
 * The environment a server is started with: a minimal inherited set (or the whole parent's with
 * `inheritEnv`) under the configured `env`, so host secrets do not reach third-party servers.
 */
export function childEnvironment(options: ChildEnvironmentOptions = {}): Record<string, string> {
  const parent = options.parent ?? process.env;
  const windows = (options.platform ?? process.platform) === 'win32';
  const allowed = new Set(windows ? INHERITED_ENV_WINDOWS : INHERITED_ENV_POSIX);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (!options.inheritEnv) {
      const name = windows ? key.toUpperCase() : key;
      if (!allowed.has(name) && !(!windows && name.startsWith('LC_'))) continue;
      // Exported shell functions (`() { ...`) are how Shellshock travelled; never pass them on by default.
      if (value.startsWith('()')) continue;
    }
    result[key] = value;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    // Windows names are case-insensitive: a configured `PATH` replaces an inherited `Path`.
    if (windows)
      for (const inherited of Object.keys(result))
        if (inherited.toUpperCase() === key.toUpperCase()) delete result[inherited];
    result[key] = value;
  }
  return result;
}
