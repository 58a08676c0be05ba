/** Bounds on the MCP Apps views the manager keeps (`apps` option). */
export interface AppsOptions {
  /** Views kept per server connection; the least recently read one goes first. Default 16. */
  maxViewsPerServer?: number;
  /** The largest view document taken, in bytes (UTF-8, or decoded from base64); larger is APP_VIEW_INVALID. Default 8 MiB. */
  maxViewBytes?: number;
}

export const APPS_DEFAULTS = { maxViewsPerServer: 16, maxViewBytes: 8 * 1024 * 1024 } as const;

export function resolveAppsOptions(options: AppsOptions = {}): Required<AppsOptions> {
  return {
    maxViewsPerServer: options.maxViewsPerServer ?? APPS_DEFAULTS.maxViewsPerServer,
    maxViewBytes: options.maxViewBytes ?? APPS_DEFAULTS.maxViewBytes,
  };
}
