import { everythingBin } from '@org/mcp-demo-servers';
import { describe, expect, it } from 'vitest';
import { onDemandTour } from '../src/onDemandTour.js';

// The tour runs only in the human output (`pnpm demo`, not `--json`, which demo.test.ts runs): tested here alone.
describe("the demo's on-demand tour", () => {
  it('lists the lazy server from the catalog while it is stopped, starts it on its first call, stops it when idle', async () => {
    const lines: string[] = [];
    const everything = { command: process.execPath, args: [everythingBin(), 'stdio'] };
    expect(await onDemandTour(everything, (line) => lines.push(line))).toBeUndefined();
    const text = lines.join('\n');
    expect(text).toContain('connectAllEnabled(): {"ondemand":"lazy"}');
    expect(text).toMatch(/stopped \(lazy\), yet listTools\(\) has its [1-9]\d* tools from the catalog/);
    expect(text).toContain('ondemand: lazy → connecting (call)');
    // Stopped for idleness twice: after filling its catalog entry, and after the call.
    expect(text.match(/→ lazy \(idle\)/g)).toHaveLength(2);
  }, 120_000);
});
