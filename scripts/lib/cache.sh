# Sourced by scripts/build, scripts/sanitizers and scripts/fuzz: a compiler cache kept outside
# the clone, so a fresh clone (CI's) compiles only what changed since any earlier build here.
#   TOOLSHIFT_CACHE_DIR   where caches live (default ${XDG_CACHE_HOME:-~/.cache}/toolshift)
#   TOOLSHIFT_NO_CCACHE=1 build without it
# Sets cache_cmake_args (the CMake flags that use the cache); empty when ccache is missing.
toolshift_cache_dir="${TOOLSHIFT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/toolshift}"
cache_cmake_args=()
if [ -z "${TOOLSHIFT_NO_CCACHE:-}" ] && command -v ccache >/dev/null; then
  export CCACHE_DIR="$toolshift_cache_dir/ccache"
  # Paths under the checkout are hashed relative to it, and the build folder is not hashed, so
  # objects match across clones; the precompiled headers need the sloppiness ccache documents.
  CCACHE_BASEDIR="$(pwd)"
  export CCACHE_BASEDIR
  export CCACHE_NOHASHDIR=1
  export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-8G}"
  export CCACHE_COMPRESS=1
  mkdir -p "$CCACHE_DIR"
  cache_cmake_args=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
