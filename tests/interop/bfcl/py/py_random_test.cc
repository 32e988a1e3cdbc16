// PyRandom against CPython's random.Random: BEHAVIOUR.md §9's vectors and a few more drawn
// from CPython 3.11 (big seeds, getrandbits past 32 bits, negative seeds).
#include <catch2/catch.hpp>

#include "src/interop/bfcl/py/py_random.h"

namespace toolshift::bfcl {
namespace {

std::string Draw(PyRandom& r, int64_t a, int64_t b) { return r.RandInt(PyInt(a), PyInt(b)).ToString(); }

TEST_CASE("Random(141053): raw outputs and TravelAPI's draws", "[bfcl][py]") {
  PyRandom raw(PyInt(141053));
  CHECK(raw.NextU32() == 4005903735u);
  CHECK(raw.NextU32() == 621264111u);
  CHECK(raw.NextU32() == 3547616316u);
  CHECK(raw.NextU32() == 1134450972u);
  PyRandom r(PyInt(141053));
  CHECK(Draw(r, 100000, 999999) == "251675");
  CHECK(Draw(r, 100000000000, 999999999999) == "391310425148");
  CHECK(Draw(r, 10000, 99999) == "58617");
  CHECK(Draw(r, 1000000, 9999999) == "4191922");
  CHECK(Draw(r, 10000000, 99999999) == "56121276");
  CHECK(Draw(r, 100000000, 999999999) == "789652479");
  PyRandom u(PyInt(141053));
  CHECK(u.Uniform(0.0, 120.0) == 111.92365689097284);
  CHECK(u.Uniform(0.0, 120.0) == 99.11925428879405);
  PyRandom v(PyInt(141053));
  CHECK(v.Uniform(-10.0, 40.0) == 36.63485703790535);
  CHECK(v.Uniform(-10.0, 40.0) == 31.29968928699752);
}

TEST_CASE("Random(200191) and Random(1053520)", "[bfcl][py]") {
  PyRandom r(PyInt(200191));
  CHECK(Draw(r, 10000, 99999) == "67410");
  CHECK(Draw(r, 10000, 99999) == "41772");
  CHECK(Draw(r, 10000, 99999) == "24547");
  PyRandom t(PyInt(1053520));
  CHECK(t.RandBelow(PyInt(86401)).ToString() == "69015");
  CHECK(t.RandBelow(PyInt(86401)).ToString() == "6994");
  CHECK(t.RandBelow(PyInt(86401)).ToString() == "64788");
}

TEST_CASE("multi-word seeds, wide getrandbits, negative and zero seeds", "[bfcl][py]") {
  PyRandom r(PyInt::Pow(PyInt(2), 70) + PyInt(12345));
  CHECK(r.GetRandBits(32).ToString() == "4124372728");
  CHECK(r.GetRandBits(32).ToString() == "1880144277");
  CHECK(r.GetRandBits(40).ToString() == "974721088436");
  CHECK(r.GetRandBits(100).ToString() == "1244406165024807977108480736457");
  CHECK(Draw(r, -5, 5) == "1");
  CHECK(r.Random() == 0.07464356326287303);
  PyRandom zero(PyInt(0));
  CHECK(zero.NextU32() == 3626764237u);
  CHECK(zero.Random() == 0.3852453064766108);
  PyRandom neg(PyInt(-7));
  CHECK(neg.NextU32() == 1390851128u);
  CHECK_THROWS_AS(neg.RandInt(PyInt(5), PyInt(4)), PyException);
}

TEST_CASE("PyRandom: a seed seeded before starts the same sequence (the per-seed cache)", "[bfcl][py]") {
  for (int round = 0; round < 3; ++round) {  // the first seeds, the others copy the kept state
    PyRandom r(PyInt(42));
    CHECK(r.Random() == 0.6394267984578837);  // CPython: random.Random(42).random()
    PyRandom other(PyInt(43));
    CHECK(other.Random() == 0.038551839337380045);  // random.Random(43).random()
  }
}

}  // namespace
}  // namespace toolshift::bfcl
