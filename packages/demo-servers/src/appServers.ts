import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The installed bin of an official MCP App example server (no download at test time); run it with `--stdio`. */
function appBin(pkg: string): string {
  // The package exports only its server module (dist/server.js); the bin sits beside it.
  return join(dirname(require.resolve(pkg)), 'index.js');
}

/** @modelcontextprotocol/server-basic-vanillajs: `get-time`, whose view shows the time and calls the tool again. */
export function basicAppBin(): string {
  return appBin('@modelcontextprotocol/server-basic-vanillajs');
}

/** @modelcontextprotocol/server-pdf: `display_pdf` with a viewer, and six tools only its viewer may call. */
export function pdfAppBin(): string {
  return appBin('@modelcontextprotocol/server-pdf');
}

/** The tools the PDF server offers to its view only (`_meta.ui.visibility: ["app"]`). */
export const PDF_APP_ONLY_TOOLS = [
  'poll_pdf_commands',
  'read_pdf_bytes',
  'save_pdf',
  'submit_page_data',
  'submit_save_data',
  'submit_viewer_state',
] as const;
