// PyRandom: CPython 3's random.Random, bit for bit (BEHAVIOUR.md §9): MT19937 seeded by
// init_by_array from an int seed, getrandbits, randbelow by rejection, randint, random()
// as 53 bits, uniform. Model and ground-truth instances draw the same ids only if this is exact.
#ifndef TOOLSHIFT_INTEROP_BFCL_PY_PY_RANDOM_H_
#define TOOLSHIFT_INTEROP_BFCL_PY_PY_RANDOM_H_

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

class PyRandom {
 public:
  explicit PyRandom(const PyInt& seed);  // random.Random(seed) for an int seed
  uint32_t NextU32();                    // genrand_uint32
  PyInt GetRandBits(unsigned k);         // k >= 1
  PyInt RandBelow(const PyInt& n);       // n >= 1
  PyInt RandInt(const PyInt& a, const PyInt& b);
  double Random();
  double Uniform(double a, double b);
  // random.shuffle(x): Fisher-Yates from the end, j = _randbelow(i + 1) for i = n-1 .. 1.
  template <typename T>
  void Shuffle(std::vector<T>& x) {
    for (size_t i = x.size(); i-- > 1;) {
      const auto j = static_cast<size_t>(RandBelow(PyInt(static_cast<int64_t>(i + 1))).as_int64());
      std::swap(x[i], x[j]);
    }
  }

 private:
  void Seed(const PyInt& seed);  // init_genrand + init_by_array

  std::array<uint32_t, 624> mt_{};
  int index_ = 625;
};

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_PY_PY_RANDOM_H_
