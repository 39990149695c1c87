// The load test's own process (see loadTest): reads its options from UPSELL_BENCH_LOAD_TEST,
// runs autocannon against the server and prints what it saw as JSON on stdout.
import { type LoadTestOptions, loadTestHere } from './load-test.ts';

const options = JSON.parse(process.env.UPSELL_BENCH_LOAD_TEST ?? 'null') as LoadTestOptions | null;
if (options === null) {
  process.stderr.write('load-test-child: UPSELL_BENCH_LOAD_TEST (the options as JSON) is not set\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await loadTestHere(options))}\n`);
