import base from '@org/build-config/vitest';
import { mergeConfig } from 'vitest/config';

// The factory requires the remote transports at first use (src/remoteTransports.ts); Node's loader, not
// Vite's, must load them for the tests too, so both give the same classes as in a real process.
export default mergeConfig(base, {
  test: { server: { deps: { external: [/\/packages\/transport-(http|sse)\/dist\//] } } },
});
