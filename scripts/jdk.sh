# Finds a JDK >= 21: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm (or $LAKEGATE_JVM_DIR).
# The machine's default java may be older (17): never rely on it.
lakegate_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

lakegate_find_jdk() {
  local candidate major best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]]; then
    major="$(lakegate_jdk_major "$JAVA_HOME")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in "${LAKEGATE_JVM_DIR:-/usr/lib/jvm}"/*; do
    [[ -x "$candidate/bin/javac" ]] || continue
    major="$(lakegate_jdk_major "$candidate")"
    if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then best="$candidate"; best_major="$major"; fi
  done
  if [[ -z "$best" ]]; then
    echo "lakegate: no JDK 21 or newer found (looked at \$JAVA_HOME and ${LAKEGATE_JVM_DIR:-/usr/lib/jvm}/*)." >&2
    echo "lakegate: install one (e.g. apt-get install openjdk-21-jdk, or Temurin 21+) or set JAVA_HOME to it." >&2
    return 1
  fi
  echo "$best"
}

# Maven's bundled Guava touches sun.misc.Unsafe; JDK 24+ warns about it on every build. Silence that noise only.
lakegate_maven_opts() {
  local major
  major="$(lakegate_jdk_major "$JAVA_HOME")"
  if [[ -n "$major" && "$major" -ge 24 ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# What every script needs before Maven or java: JAVA_HOME exported as a JDK >= 21, Maven's JDK noise silenced.
lakegate_setup() {
  JAVA_HOME="$(lakegate_find_jdk)" || return 1
  export JAVA_HOME
  lakegate_maven_opts
}
