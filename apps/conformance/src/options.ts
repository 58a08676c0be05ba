import { parseArgs } from 'node:util';

export interface RunnerOptions {
  suites: string[] | undefined;
  scenarios: string[] | undefined;
  probe: boolean;
  jobs: number;
  out: string | undefined;
  verbose: boolean;
  /** A client command of one's own instead of ours (already quoted for sh), e.g. `true` to see the guard. */
  command: string | undefined;
}

export const USAGE = `pnpm conformance [options]   (or: node apps/conformance/dist/run.js)

  --suite <version>     only this suite version (repeatable): 0.1.16, 0.2.0-alpha.12
  --scenario <name>     only this scenario (repeatable), e.g. tools_call, auth/metadata-default
  --probe               probe every selected scenario with do-nothing clients again and
                        rewrite vacuous-baseline.json
  --jobs <n>            scenarios run at once (default 2; timing scenarios always run alone)
  --out <dir>           keep every run's checks.json, stdout.txt, stderr.txt under <dir>
  --verbose             print the suite's output for every scenario that did not pass
  --command <cmd>       run this client instead of ours (quoted for sh; the URL is appended)
  --help                this text`;

export function parseOptions(argv: string[]): RunnerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      probe: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '2' },
      out: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      command: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new Error(`--jobs must be a positive integer, not ${values.jobs}`);
  return {
    suites: values.suite,
    scenarios: values.scenario,
    probe: values.probe,
    jobs,
    out: values.out,
    verbose: values.verbose,
    command: values.command,
  };
}
