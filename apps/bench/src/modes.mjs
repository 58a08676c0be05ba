/**
 * @typedef {object} BenchParams
 * @property {string} mode
 * @property {number} reps repetitions of each contender in each scenario (interleaved A B C A B C ...)
 * @property {number} connects connects timed per repetition
 * @property {number} sequential sequential tools/call timed per repetition
 * @property {number} concurrent tools/call per repetition of the concurrent run
 * @property {number} inflight requests in flight in the concurrent run
 * @property {number} warmup calls made before timing starts (JIT, sockets)
 * @property {number} payloadEchoes echoes timed per repetition of each payload size
 * @property {number} bigPayloadMiB the large echo of `stdio.payload16m`: 16 MiB, less in smoke mode (the SDK's reader copies a
 *   large message once per chunk: seconds per contender that a smoke check does not need)
 * @property {number} servers stdio servers the manager scenario connects in parallel
 * @property {number} managerReps repetitions of the manager scenario
 * @property {number} toolServers in-process servers (100 tools each) of the tool-namespace scenario
 * @property {number} toolChanges list_changed rounds timed per repetition of the tool-namespace scenario
 * @property {number} qualifyRuns timed runs of each qualify size per repetition
 * @property {number} fleetServers stdio servers of the broken-fleet scenario
 * @property {number} fleetBroken how many of them exit at once
 * @property {number} kills SIGKILLs timed per repetition of the recovery scenario
 * @property {number} schemaRounds list-and-call rounds timed per repetition of the outputSchema scenario
 * @property {number} onDemandFleet stdio servers configured in the servers-on-demand scenario (5 of them used)
 * @property {number} userViews views made in the many-users scenario
 * @property {number} activeUsers of them, the users who call (each opens a connection to both servers)
 * @property {number} userCalls sequential calls per round timed through a view and through the manager
 * @property {number} poolReps repetitions of the manager-vs-SDK-pool rows (pool.*), each a fresh process
 * @property {number} poolServers stdio servers of the pool throughput row
 * @property {number} poolCalls calls timed in the pool throughput row
 * @property {number} poolInflight calls in flight in the pool throughput row
 * @property {number} poolWarmup untimed calls before the pool throughput row's timed ones: enough for the JIT to settle
 * @property {number} poolFleet stdio servers (10 tools each) connected for heap growth and shutdown
 * @property {number} poolRssServers stdio servers connected for RSS growth
 * @property {number} poolRecoverServers stdio servers of the recovery row (one is killed)
 * @property {number} poolRecoverDeadlineMs how long the recovery row keeps calling after the kill
 */

/** @type {Record<'full' | 'quick' | 'smoke', BenchParams>} */
export const MODES = {
  // The figures; about 3 to 5 minutes on 2 cores.
  full: {
    mode: 'full',
    reps: 5,
    connects: 15,
    sequential: 2000,
    concurrent: 20_000,
    inflight: 64,
    warmup: 500,
    payloadEchoes: 3,
    bigPayloadMiB: 16,
    servers: 20,
    managerReps: 5,
    toolServers: 100,
    toolChanges: 50,
    qualifyRuns: 5,
    fleetServers: 50,
    fleetBroken: 5,
    kills: 10,
    schemaRounds: 30,
    onDemandFleet: 100,
    userViews: 10_000,
    activeUsers: 100,
    userCalls: 500,
    poolReps: 5,
    poolServers: 20,
    poolCalls: 5000,
    poolInflight: 32,
    poolWarmup: 5000,
    poolFleet: 100,
    poolRssServers: 10,
    poolRecoverServers: 5,
    poolRecoverDeadlineMs: 5000,
  },
  // The same scenarios with fewer calls: under a minute on 2 cores.
  quick: {
    mode: 'quick',
    reps: 3,
    connects: 5,
    sequential: 500,
    concurrent: 4000,
    inflight: 64,
    warmup: 300,
    payloadEchoes: 1,
    bigPayloadMiB: 16,
    servers: 20,
    managerReps: 2,
    toolServers: 100,
    toolChanges: 20,
    qualifyRuns: 3,
    fleetServers: 50,
    fleetBroken: 5,
    kills: 5,
    schemaRounds: 12,
    onDemandFleet: 30,
    userViews: 2000,
    activeUsers: 20,
    userCalls: 200,
    poolReps: 3,
    poolServers: 20,
    poolCalls: 2000,
    poolInflight: 32,
    poolWarmup: 2000,
    poolFleet: 30,
    poolRssServers: 10,
    poolRecoverServers: 5,
    poolRecoverDeadlineMs: 3000,
  },
  // Proves every scenario still runs (pnpm test); the figures mean nothing.
  smoke: {
    mode: 'smoke',
    reps: 1,
    connects: 1,
    sequential: 20,
    concurrent: 128,
    inflight: 64,
    warmup: 10,
    payloadEchoes: 1,
    bigPayloadMiB: 2,
    servers: 3,
    managerReps: 1,
    toolServers: 100,
    toolChanges: 3,
    qualifyRuns: 1,
    fleetServers: 10,
    fleetBroken: 1,
    kills: 1,
    schemaRounds: 2,
    onDemandFleet: 10,
    userViews: 100,
    activeUsers: 3,
    userCalls: 10,
    poolReps: 1,
    poolServers: 2,
    poolCalls: 40,
    poolInflight: 8,
    poolWarmup: 10,
    poolFleet: 3,
    poolRssServers: 2,
    poolRecoverServers: 2,
    poolRecoverDeadlineMs: 10_000,
  },
};
