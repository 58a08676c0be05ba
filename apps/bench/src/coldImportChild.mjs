// One cold import in a fresh process (run by coldImportScenario.mjs): CPU of the import alone and the
// process's peak RSS after it, as one JSON line. The argument names what is imported.
const IMPORTS = {
  manager: () => import('@org/mcp-manager'),
  sdk: () =>
    Promise.all([
      import('@modelcontextprotocol/sdk/client/index.js'),
      import('@modelcontextprotocol/sdk/client/stdio.js'),
    ]),
  stdio: () => import('@org/mcp-transport-stdio'),
  http: () => import('@org/mcp-transport-http'),
  sse: () => import('@org/mcp-transport-sse'),
};

const what = /** @type {keyof typeof IMPORTS} */ (process.argv[2]);
const load = IMPORTS[what];
if (!load) throw new Error(`coldImportChild: unknown import "${what}"`);
const cpu = process.cpuUsage();
await load();
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, rssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
