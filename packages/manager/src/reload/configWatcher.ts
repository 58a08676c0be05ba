import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ConfigErrorCode, MCPConfigError, MCPError } from '@org/mcp-core';
import type { ConfigReloadFailure } from '../managerEvents.js';
import type { ReloadOptions } from './configReload.js';

/** How a config file is watched. */
export interface WatchOptions {
  /** Quiet time after the last change before reloading, in ms: an editor's save is several events. Default 200. */
  debounce?: number;
}

export const WATCH_DEFAULTS = { debounce: 200 } as const;

/**
 * Calls `onChange` once a config file has changed and then stayed quiet for `debounce` ms. It watches the
 * file's directory, not the file: editors save by writing a temporary file and renaming it over the old one
 * (vim, VS Code, JetBrains), which leaves a watch on the old file's inode blind to every later change.
 */
export class ConfigWatcher {
  private readonly watcher: FSWatcher;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly file: string;

  constructor(file: string, options: WatchOptions, onChange: () => void) {
    this.file = resolve(file);
    const name = basename(this.file);
    const debounce = options.debounce ?? WATCH_DEFAULTS.debounce;
    this.watcher = watch(dirname(this.file), { persistent: false }, (_event, changed) => {
      // Some platforms give no name; then any change in the directory may be it.
      if (changed !== null && changed.toString() !== name) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(onChange, debounce);
    });
    // A watch that fails later (the directory removed) stops; the last config keeps running.
    this.watcher.on('error', () => this.close());
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher.close();
  }
}

/** A manager's watched files: each change reloads its file; a reload that fails is reported, never thrown. */
export class ConfigWatchers {
  private readonly open = new Set<ConfigWatcher>();

  constructor(
    /** Reloads a file; undefined once the manager is shutting down. */
    private readonly reload: (file: string, options: ReloadOptions) => Promise<unknown> | undefined,
    private readonly refused: (failure: ConfigReloadFailure) => void,
  ) {}

  /** Watches `file`; returns what stops it. */
  watch(file: string, options: WatchOptions & ReloadOptions): () => void {
    const watcher = new ConfigWatcher(file, options, () => {
      this.reload(watcher.file, options)?.catch((error: unknown) =>
        this.refused({ file: watcher.file, error: asConfigError(error, watcher.file) }),
      );
    });
    this.open.add(watcher);
    return () => {
      watcher.close();
      this.open.delete(watcher);
    };
  }

  closeAll(): void {
    for (const watcher of this.open) watcher.close();
    this.open.clear();
  }
}

/** A refused reload as the MCPError its event promises: itself when it is one (every error of the stack is). */
function asConfigError(error: unknown, file: string): MCPError {
  if (error instanceof MCPError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MCPConfigError(message, { code: ConfigErrorCode.CONFIG_READ_FAILED, file, cause: error });
}
