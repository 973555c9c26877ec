// Removes dist/ so a renamed or deleted source file never survives into the package.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), {
	recursive: true,
	force: true,
});
