/** The newest handshake-era revision; offered in `initialize`. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** Every handshake-era revision this client accepts from a server, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
];
