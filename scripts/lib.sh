# Shared by the launchers in scripts/: builds the project when needed and sets CROWDSWEEP_CP.
# Source it; do not run it.
crowdsweep_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

crowdsweep_build() {
  local cp_file="$crowdsweep_root/sweep-job/target/classpath.txt"
  local stamp="$crowdsweep_root/sweep-job/target/.built"
  local needs_build=0
  if [ ! -f "$cp_file" ] || [ ! -f "$stamp" ]; then
    needs_build=1
  elif [ -n "$(find "$crowdsweep_root" -path "$crowdsweep_root/.git" -prune -o -path '*/target' -prune -o \
              \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    needs_build=1
  fi
  if [ "$needs_build" = 1 ]; then
    echo "crowdsweep: building (mvn -DskipTests install) ..." >&2
    (cd "$crowdsweep_root" && mvn -q -B -Dstyle.color=never -DskipTests install \
      && mvn -q -B -Dstyle.color=never -pl sweep-job dependency:build-classpath \
          -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime \
      && mvn -q -B -Dstyle.color=never -pl sweep-job dependency:build-classpath \
          -Dmdep.outputFile=target/classpath-spark.txt -DincludeScope=provided) 2>&1 | sed "s/\x1b\[[0-9;]*m//g" >&2
    touch "$stamp"
  fi
  local jar
  jar=$(ls "$crowdsweep_root"/sweep-job/target/sweep-job-*.jar | grep -v -e '-tests.jar' -e '-all.jar' | head -1)
  # Spark is "provided" (a cluster brings its own); for local mode its Maven jars join the classpath.
  CROWDSWEEP_CP="$jar:$(cat "$cp_file"):$(cat "$crowdsweep_root/sweep-job/target/classpath-spark.txt")"
}

# JVM flags every launcher uses: DJL (when present) must never reach for the network.
CROWDSWEEP_JVM_FLAGS=(-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dai.djl.pytorch.num_threads=1
  -Dai.djl.pytorch.num_interop_threads=1)

# JVM flags per command. The trainer's vector kernels need the incubator module (the JVM then prints one warning);
# without it plain loops compute the same bits, slower. Spark needs its module flags (scripts/spark-jvm-flags.txt,
# verbatim from Spark's launcher), which include the vector module.
crowdsweep_command_flags() {
  case "${1:-}" in
    train) echo "--add-modules=jdk.incubator.vector" ;;
    run) tr '\n' ' ' < "$crowdsweep_root/scripts/spark-jvm-flags.txt"; echo "-Dspark.master.rest.enabled=false" ;;
  esac
}
# spark-submit of the shaded jar: crowdsweep_spark_submit MASTER CLASS [--conf K=V ...] -- APP_ARGS...
# The real spark-submit when SPARK_HOME is set, otherwise Spark's SparkSubmit from the Maven-resolved jars. For the
# local cluster of scripts/cluster, its authentication secret is passed along. Needs crowdsweep_build first.
crowdsweep_spark_submit() {
  local master=$1 class=$2
  shift 2
  local confs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do confs+=("$1"); shift; done
  shift || true
  local jar cluster_dir
  jar=$(ls "$crowdsweep_root"/sweep-job/target/sweep-job-*-all.jar | head -1)
  cluster_dir=${CROWDSWEEP_CLUSTER_DIR:-"$crowdsweep_root/runs/cluster"}
  if [ "$master" = "spark://127.0.0.1:7077" ] && [ -f "$cluster_dir/secret" ]; then
    confs+=(--conf spark.authenticate=true --conf "spark.authenticate.secret=$(cat "$cluster_dir/secret")")
  fi
  confs+=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false)
  if [ -n "${SPARK_HOME:-}" ]; then
    "$SPARK_HOME/bin/spark-submit" --class "$class" --master "$master" "${confs[@]}" "$jar" "$@"
    return
  fi
  local cp_spark
  cp_spark="$(cat "$crowdsweep_root/sweep-job/target/classpath-spark.txt"):$(tr ':' '\n' \
    < "$crowdsweep_root/sweep-job/target/classpath.txt" | grep -e slf4j -e jackson | paste -sd:)"
  # shellcheck disable=SC2046
  java -Xmx1g $(tr '\n' ' ' < "$crowdsweep_root/scripts/spark-jvm-flags.txt") "${CROWDSWEEP_JVM_FLAGS[@]}" \
    -cp "$cp_spark" org.apache.spark.deploy.SparkSubmit --class "$class" --master "$master" "${confs[@]}" "$jar" "$@"
}

export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
