/** The newest handshake-era revision; offered in `initialize`. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** Every handshake-era revision this client accepts from a server, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
];

/** Modern-era revisions (no handshake, per-request `_meta`), newest first. */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = ['2026-07-28'];

/** The two ways a server may speak MCP: with the `initialize` handshake, or in the modern era, without it (2026-07-28 on). */
export type ProtocolEra = 'handshake' | 'modern';

/** Which era a revision belongs to, or undefined for a revision this client does not know. */
export function eraOf(version: string): ProtocolEra | undefined {
  if (MODERN_PROTOCOL_VERSIONS.includes(version)) return 'modern';
  if (SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return 'handshake';
  return undefined;
}
