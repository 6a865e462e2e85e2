# Sourced by ./mvnw and ./lenetlab: make JAVA_HOME a JDK >= 21 (the build targets Java 21).
# Keeps a JAVA_HOME that is new enough; otherwise picks the newest JDK >= 21 under /usr/lib/jvm
# (Temurin 25 on the project's machines) and says so when there is none.
lenetlab_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
lenetlab_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] &&
     [ "$(lenetlab_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  # find, not a glob: ./mvnw runs with globbing off (set -f)
  for dir in $(find /usr/lib/jvm /opt -mindepth 1 -maxdepth 2 -type d 2>/dev/null); do
    [ -x "$dir/bin/javac" ] || continue
    major=$(lenetlab_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$dir best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(lenetlab_java_major "$dir")
    [ -n "$major" ] && [ "$major" -ge 21 ] && best=$dir
  fi
  if [ -z "$best" ]; then
    echo "LeNet Lab needs a JDK 21 or newer; none found (JAVA_HOME=${JAVA_HOME:-unset})." >&2
    echo "Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
lenetlab_select_jdk || exit 1
