// Lets plain Node require the test helpers (TypeScript) in place, so the bench
// runs the very harness the tests use (test/helpers/engine.ts) without a build
// step: each .ts file is transpiled on load (types stripped, no type check).
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2023,
	esModuleInterop: true,
	resolveJsonModule: true,
};

require.extensions['.ts'] ??= (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};
