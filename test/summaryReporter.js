// Prints the plain closing line "N passed, N failed" after a jest run, so that
// tools reading the end of a log see the totals in a common form. With
// JEST_TOTALS_FILE set, it also appends them there (.ci/run adds up its suites).
const fs = require('node:fs');

class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const suffix = skipped ? `, ${skipped} skipped` : '';
		process.stderr.write(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed${suffix}\n`);
		if (process.env.JEST_TOTALS_FILE) {
			fs.appendFileSync(
				process.env.JEST_TOTALS_FILE,
				`${results.numPassedTests} ${results.numFailedTests} ${skipped}\n`,
			);
		}
	}
}

module.exports = SummaryReporter;
