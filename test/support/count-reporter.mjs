import { relative as relativeTo } from 'node:path';

const relative = (file) => relativeTo(process.cwd(), file);

/**
 * wtr prints its totals inside a progress line; the test script needs them on a line of their own
 * (`wtr totals: passed=N failed=N skipped=N`) to add them up with the other suites; one such line
 * per engine with the version it ran; and each failure on a plain line naming the engine it failed
 * in (`failed in WebKit: file > test`), since a test may fail in one engine only.
 * A test file that failed to load counts as a failure, or a broken file would read as green.
 */
export function countReporter() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const perEngine = new Map();
  const versions = new Map();
  const failures = [];
  const walk = (suite, path, record) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) record('skipped');
      else if (test.passed) record('passed');
      else record('failed', [...path, test.name].join(' > '));
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.name], record);
  };
  return {
    stop({ sessions }) {
      for (const session of sessions) {
        const engine = session.browser.name;
        if (session.browser.version) versions.set(engine, session.browser.version);
        const counts = perEngine.get(engine) ?? { passed: 0, failed: 0, skipped: 0 };
        perEngine.set(engine, counts);
        const record = (outcome, name) => {
          totals[outcome]++;
          counts[outcome]++;
          if (name) failures.push(`failed in ${engine}: ${relative(session.testFile)} > ${name}`);
        };
        const before = counts.failed;
        if (session.testResults) walk(session.testResults, [], record);
        if (!session.passed && counts.failed === before) {
          const reason = session.errors?.[0]?.message ?? 'the file did not run';
          totals.failed++;
          counts.failed++;
          failures.push(`failed in ${engine}: ${relative(session.testFile)}: ${reason.split('\n')[0]}`);
        }
      }
      process.once('exit', () => {
        for (const line of failures) console.log(line);
        for (const [engine, counts] of perEngine) {
          const version = versions.has(engine) ? ` (${versions.get(engine)})` : '';
          console.log(`wtr ${engine}${version}: passed=${counts.passed} failed=${counts.failed} skipped=${counts.skipped}`);
        }
        console.log(`wtr totals: passed=${totals.passed} failed=${totals.failed} skipped=${totals.skipped}`);
      });
    },
  };
}
