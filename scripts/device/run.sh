#!/bin/bash
# Runs the GPU harness on a machine with a GPU and no browser or network (see scripts/device/README.md).
# Expects, in .device/: run-plans.mjs (node scripts/device/build.mjs), node.xz (a Node.js binary), dawn.node.xz
# (the `webgpu` package's linux-x64 dawn.node) and lib/libvulkan.so.1 (a Vulkan loader). Writes $OUT/device-bench.json.
set -u
src="$(cd "$(dirname "$0")/../../.device" && pwd)" || exit 1
work=/tmp/score-lab-device && mkdir -p "$work" && cp -r "$src/run-plans.mjs" "$src/lib" "$work/" && cd "$work" || exit 1
# The binaries travel compressed (the carried tree is size-limited); Python's lzma unpacks them anywhere.
unxz() { [ -f "$1" ] || python3 -c "import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[2]), open(sys.argv[1],'wb'))" "$1" "$src/$1.xz"; }
unxz node && chmod +x node
unxz dawn.node
export LD_LIBRARY_PATH="$PWD/lib:/usr/local/nvidia/lib64:/usr/local/nvidia/lib:${LD_LIBRARY_PATH:-}"
icd=$(ls /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json 2>/dev/null | head -1)
[ -n "$icd" ] && export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"
echo "vulkan driver file: ${icd:-none found}"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader 2>/dev/null
./node --version
OUT_JSON="${OUT:-.}/device-bench.json" ./node run-plans.mjs
