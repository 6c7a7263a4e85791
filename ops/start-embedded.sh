#!/bin/sh
# Starts the packaged application on its embedded default, like `java -jar`, in about half the time.
#
#   ops/start-embedded.sh target/ax-hub-funding-pipeline-0.1.0-SNAPSHOT.jar [application arguments]
#
# Once per jar (again whenever the jar changes) it unpacks the jar into $AXHUB_LAUNCH_DIR (./launch by default) and
# records which classes a start loads in a class-data archive (a start that stops once the application context is
# ready, in a scratch directory: it touches neither ./data nor the demo data). Every start then loads those classes
# from the archive, from unpacked jars instead of jars nested in a jar, and with only the JVM's quick compiler
# (-XX:TieredStopAtLevel=1), which starts sooner at some cost to long-running throughput; AXHUB_JAVA_OPTS replaces
# that flag (e.g. AXHUB_JAVA_OPTS="-Xmx1g"). Data, profiles and arguments are exactly those of `java -jar` run in the
# same directory. docs/operations.md has the figures.
set -eu

jar=${1:?usage: ops/start-embedded.sh path/to/application.jar [application arguments]}
shift
[ -f "$jar" ] || { echo "No application jar at $jar (mvn package builds it)" >&2; exit 1; }
launch=${AXHUB_LAUNCH_DIR:-./launch}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
name=$(basename "$jar")
stamp=$(stat -c '%s %Y' "$jar")

if [ ! -f "$launch/stamp" ] || [ "$(cat "$launch/stamp")" != "$stamp $name" ]; then
  echo "Preparing the fast start of $name in $launch (once per jar, about half a minute)" >&2
  rm -rf "$launch"
  mkdir -p "$launch"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$launch/app" >"$launch/extract.log" 2>&1
  scratch=$(mktemp -d)
  archive=$(cd "$launch" && pwd)/app.jsa
  unpacked=$(cd "$launch/app" && pwd)/$name
  if ! (cd "$scratch" && "$java" -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh \
      -jar "$unpacked" --server.port=0 >"$scratch/training.log" 2>&1); then
    cp "$scratch/training.log" "$launch/training.log"
    rm -rf "$scratch"
    echo "The class-data archive could not be made; see $launch/training.log" >&2
    exit 1
  fi
  cp "$scratch/training.log" "$launch/training.log"
  rm -rf "$scratch"
  echo "$stamp $name" >"$launch/stamp"
fi

# shellcheck disable=SC2086 # AXHUB_JAVA_OPTS holds several options.
exec "$java" -XX:SharedArchiveFile="$launch/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  ${AXHUB_JAVA_OPTS--XX:TieredStopAtLevel=1} -jar "$launch/app/$name" "$@"
