// Prints the closing line "N passed, N failed, N skipped" alone, so any CI can read the run's result.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      // A file that failed outside its tests (a hook, an import) counts as a failure even where its tests were skipped.
      const failedTests = [...module.children.allTests()].filter((test) => test.result().state === 'failed').length;
      if (module.state() === 'failed' && failedTests === 0) counts.failed++;
    }
    process.stdout.write(`\nfaxdesk: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
