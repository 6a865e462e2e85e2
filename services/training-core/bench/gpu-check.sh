#!/usr/bin/env bash
# Prepares .gpu-check/ (git-ignored) for a GPU machine without Java or internet: a jlink'd runtime,
# the training core's jars without the CPU libtorch (the machine's own CUDA libtorch is used), the
# cu128 JNI library of DJL, and a 12k/2k subset of Fashion-MNIST. Then, there:
#   bash .gpu-check/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=$ROOT/.gpu-check
. "$ROOT/.mvn/select-jdk.sh"
rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/data"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$OUT/jre"
LIB=$ROOT/services/training-core/target/lib
for jar in "$LIB"/*.jar; do
  case $(basename "$jar") in
    pytorch-native-cpu-*|jfreechart-*|picocli-*) ;;
    pytorch-jni-*) (cd "$OUT" && rm -rf jni && mkdir jni && cd jni && unzip -q "$jar" 'jnilib/pytorch.properties' \
        'jnilib/linux-x86_64/cu128/*' 'jnilib/linux-x86_64/cpu/*' 'META-INF/*' && zip -q -r "$OUT/lib/$(basename "$jar")" . && cd .. && rm -rf jni) ;;
    *) cp "$jar" "$OUT/lib/" ;;
  esac
done
cp "$ROOT/services/training-core/target/training-core-1.0.0-SNAPSHOT.jar" "$OUT/lib/"
"$JAVA_HOME/bin/javac" -cp "$OUT/lib/*" -d "$OUT/lib/classes" "$ROOT/services/training-core/bench/GpuCheck.java"
python3 - "$OUT/data" <<'PY'
import gzip, struct, sys
src, out = "/usr/share/datasets/fashion-mnist", sys.argv[1]
for prefix, n in (("train", 12000), ("t10k", 2000)):
    img = gzip.open(f"{src}/{prefix}-images-idx3-ubyte.gz").read()
    lab = gzip.open(f"{src}/{prefix}-labels-idx1-ubyte.gz").read()
    gzip.open(f"{out}/{prefix}-images-idx3-ubyte.gz", "wb").write(struct.pack(">IIII", 0x803, n, 28, 28) + img[16:16 + n * 784])
    gzip.open(f"{out}/{prefix}-labels-idx1-ubyte.gz", "wb").write(struct.pack(">II", 0x801, n) + lab[8:8 + n])
PY
cat > "$OUT/run.sh" <<'RUN'
#!/usr/bin/env bash
# On the GPU machine: DJL's JNI for libtorch 2.7.1/cu128 against the machine's own libtorch.
cd "$(dirname "$0")"
TORCH=$(python3 -c "import torch,os; print(os.path.dirname(torch.__file__))")
NV=$(ls -d "$TORCH"/../nvidia/*/lib 2>/dev/null | tr '\n' :)
export LD_LIBRARY_PATH=$TORCH/lib:$NV${LD_LIBRARY_PATH:-}
export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 DJL_CACHE_DIR=/tmp/djl OPT_OUT_TRACKING=true
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for device in gpu cpu; do
  for mode in "data ${EPOCHS:-3}" "synthetic ${STEPS:-200}"; do
    LENETLAB_DEVICE=$device timeout 200 jre/bin/java -Dai.djl.offline=true --enable-native-access=ALL-UNNAMED \
      -cp "lib/*:lib/classes" GpuCheck $mode 2>&1 | grep -vE "^WARNING|^\s*$|INFO|^\s+at |^(If|without|For|change|to:|    x|with)" | head -8
  done
done
RUN
chmod +x "$OUT/run.sh"
du -sh "$OUT"
