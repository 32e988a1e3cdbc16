// PyRandom (py_random.h): CPython's _randommodule.c (MT19937, init_by_array seeding) and
// random.py's integer methods, step for step, so that draws match bit for bit.
#include "src/interop/bfcl/py/py_random.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace toolshift::bfcl {
namespace {
constexpr int kN = 624;
constexpr int kM = 397;
}  // namespace

PyRandom::PyRandom(const PyInt& seed) {
  // Seeding costs more than most of an API instance's set-up, and the data uses a handful of
  // seeds (the classes' defaults) for every instance of every entry: the state right after
  // seeding is kept per int64 seed. A pure function of the seed, written once, never changed.
  static std::mutex mutex;
  static auto* seeded = new std::map<int64_t, std::array<uint32_t, 624>>();  // never freed: no exit-order issue
  constexpr size_t kMaxSeeds = 64;
  const bool small = seed.fits_int64();
  if (small) {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = seeded->find(seed.as_int64()); it != seeded->end()) {
      mt_ = it->second;
      index_ = kN;
      return;
    }
  }
  Seed(seed);
  if (small) {
    std::lock_guard<std::mutex> lock(mutex);
    if (seeded->size() < kMaxSeeds) seeded->emplace(seed.as_int64(), mt_);
  }
}

void PyRandom::Seed(const PyInt& seed) {
  std::vector<uint32_t> key = seed.AbsWords32();  // random_seed(): abs(n), 32-bit words, LSW first
  if (key.empty()) key.push_back(0);
  // init_genrand(19650218)
  mt_[0] = 19650218u;
  for (int i = 1; i < kN; ++i) mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<uint32_t>(i);
  // init_by_array(key)
  int i = 1;
  size_t j = 0;
  for (size_t k = std::max<size_t>(kN, key.size()); k; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
    if (j >= key.size()) j = 0;
  }
  for (int k = kN - 1; k; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
    ++i;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
  }
  mt_[0] = 0x80000000u;
  index_ = kN;
}

uint32_t PyRandom::NextU32() {
  static constexpr uint32_t kMag01[2] = {0x0u, 0x9908b0dfu};
  constexpr uint32_t kUpper = 0x80000000u, kLower = 0x7fffffffu;
  if (index_ >= kN) {
    int kk = 0;
    for (; kk < kN - kM; ++kk) {
      uint32_t y = (mt_[kk] & kUpper) | (mt_[kk + 1] & kLower);
      mt_[kk] = mt_[kk + kM] ^ (y >> 1) ^ kMag01[y & 0x1u];
    }
    for (; kk < kN - 1; ++kk) {
      uint32_t y = (mt_[kk] & kUpper) | (mt_[kk + 1] & kLower);
      mt_[kk] = mt_[kk + (kM - kN)] ^ (y >> 1) ^ kMag01[y & 0x1u];
    }
    uint32_t y = (mt_[kN - 1] & kUpper) | (mt_[0] & kLower);
    mt_[kN - 1] = mt_[kM - 1] ^ (y >> 1) ^ kMag01[y & 0x1u];
    index_ = 0;
  }
  uint32_t y = mt_[index_++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= (y >> 18);
  return y;
}

PyInt PyRandom::GetRandBits(unsigned k) {
  if (k == 0) return PyInt(0);
  if (k <= 32) return PyInt(static_cast<int64_t>(NextU32() >> (32 - k)));
  std::vector<uint32_t> words;
  for (unsigned left = k; left > 0;) {
    uint32_t r = NextU32();
    if (left < 32) {
      r >>= (32 - left);
      left = 0;
    } else {
      left -= 32;
    }
    words.push_back(r);
  }
  return PyInt::FromWords32(words);
}

PyInt PyRandom::RandBelow(const PyInt& n) {
  if (n.sign() <= 0) throw PyException("ValueError", "randbelow() needs n >= 1, got " + n.ToString());
  const auto k = static_cast<unsigned>(n.bit_length());
  PyInt r = GetRandBits(k);
  while (Compare(r, n) >= 0) r = GetRandBits(k);
  return r;
}

PyInt PyRandom::RandInt(const PyInt& a, const PyInt& b) {
  const PyInt stop = b + PyInt(1);
  const PyInt width = stop - a;
  if (width.sign() <= 0)
    throw PyException("ValueError",
                      "empty range for randrange() (" + a.ToString() + ", " + stop.ToString() + ", " + width.ToString() + ")");
  return a + RandBelow(width);
}

double PyRandom::Random() {
  const uint32_t a = NextU32() >> 5, b = NextU32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

double PyRandom::Uniform(double a, double b) { return a + (b - a) * Random(); }

}  // namespace toolshift::bfcl
