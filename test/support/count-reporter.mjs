/**
 * wtr prints its totals inside a progress line; the test script needs them on a line of their own
 * (`wtr totals: passed=N failed=N skipped=N`) to add them up with the other suites.
 * A test file that failed to load counts as a failure, or a broken file would read as green.
 */
export function countReporter() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const walk = (suite) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) skipped++;
      else if (test.passed) passed++;
      else failed++;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  return {
    stop({ sessions }) {
      for (const session of sessions) {
        const before = failed;
        if (session.testResults) walk(session.testResults);
        if (!session.passed && failed === before) failed++;
      }
      process.once('exit', () => {
        console.log(`wtr totals: passed=${passed} failed=${failed} skipped=${skipped}`);
      });
    },
  };
}
