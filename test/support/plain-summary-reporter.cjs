// Prints the suite's totals as one plain line ("N passed, N failed, N skipped") after Jest's own
// summary, so CI can read the outcome without parsing Jest's format.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = PlainSummaryReporter;
