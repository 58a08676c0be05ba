export interface PublicApi {
  /** Names that exist at run time, sorted. */
  values: string[];
  /** Names that exist only as types, sorted. */
  types: string[];
}
export interface CodeEntry {
  /** What a user imports: `@org/mcp-core/internal`. */
  specifier: string;
  /** The key in `exports`: `./internal`. */
  subpath: string;
  source: URL;
}
export declare function publicApi(...entries: (string | URL)[]): PublicApi[];
export declare function codeEntries(packageDir: URL): CodeEntry[];
export declare const PINNED_API_FILE: string;
export declare function pinPublicApi(packageDir: URL): void;
