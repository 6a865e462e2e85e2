# shellcheck shell=bash
# Whether a built jar is older than the sources it comes from: the one "is the jar stale" check of
# ./lenetlab (the CLI) and deploy/local/stack.sh (up, worker --join). Sourced, not run.
#   jar_is_stale JAR SOURCE_DIR…   true when JAR is missing or a source under a SOURCE_DIR is newer
jar_is_stale() {
  local jar=$1; shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$@" -newer "$jar" \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.sql' \
      -o -name '*.js' -o -name '*.css' \) -not -path '*/target/*' -not -path '*/node_modules/*' \
      -not -path '*/generated/*' -not -path '*/src/test/*' -not -path '*/system-tests/*' -print -quit)" ]
}
