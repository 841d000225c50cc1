// The HCL of --print-terraform through a real HCL parser: HashiCorp's
// hcl/v2 (built to WebAssembly in @cdktf/hcl2json, tmccombs/hcl2json).
// Usage: node hcl2json.js MODULE_DIR FILE... -- writes FILE.json for each
// (one node start for all: it is the slow part); exit 1 on a parse error.
const path = require('path');
const fs = require('fs');
const { parse } = require(path.join(process.argv[2], 'node_modules', '@cdktf', 'hcl2json'));

(async () => {
	for (const file of process.argv.slice(3)) {
		const json = await parse(path.basename(file), fs.readFileSync(file, 'utf8'));
		fs.writeFileSync(file + '.json', JSON.stringify(json) + '\n');
	}
})().catch((err) => { process.stderr.write(String(err) + '\n'); process.exit(1); });
