// The HCL of --print-terraform through a real HCL parser: HashiCorp's
// hcl/v2 (built to WebAssembly in @cdktf/hcl2json, tmccombs/hcl2json).
// Usage: node hcl2json.js MODULE_DIR FILE -- prints the JSON; exit 1 on a parse error.
const path = require('path');
const fs = require('fs');
const { parse } = require(path.join(process.argv[2], 'node_modules', '@cdktf', 'hcl2json'));

parse(path.basename(process.argv[3]), fs.readFileSync(process.argv[3], 'utf8'))
	.then((json) => { process.stdout.write(JSON.stringify(json) + '\n'); })
	.catch((err) => { process.stderr.write(String(err) + '\n'); process.exit(1); });
