// A stdio server that cannot start: it says why on stderr and exits, every time alike (a missing key, a bad flag).
process.stderr.write('fatal: BENCH_API_KEY is not set\n');
process.exit(1);
