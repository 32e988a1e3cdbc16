// PyInt (declared in py_value.h): int64 when the value fits, else sign and magnitude in base
// 10^9. Schoolbook arithmetic: BFCL's numbers are small, the big path exists so that nothing
// silently wraps where Python would have grown.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {
namespace {

constexpr uint32_t kBase = 1000000000u;
using Mag = std::vector<uint32_t>;  // base 10^9, least significant first, no leading zeros

void Trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

Mag MagFromU64(uint64_t v) {
  Mag m;
  while (v) {
    m.push_back(static_cast<uint32_t>(v % kBase));
    v /= kBase;
  }
  return m;
}

int CmpMag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Mag AddMag(const Mag& a, const Mag& b) {
  Mag r;
  r.reserve(std::max(a.size(), b.size()) + 1);
  uint32_t carry = 0;
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    uint32_t s = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    carry = s >= kBase;
    r.push_back(carry ? s - kBase : s);
  }
  if (carry) r.push_back(carry);
  return r;
}

Mag SubMag(const Mag& a, const Mag& b) {  // requires a >= b
  Mag r(a);
  int64_t borrow = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    int64_t d = static_cast<int64_t>(r[i]) - borrow - (i < b.size() ? b[i] : 0);
    borrow = d < 0;
    r[i] = static_cast<uint32_t>(d < 0 ? d + kBase : d);
  }
  Trim(r);
  return r;
}

Mag MulMag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<uint64_t> acc(a.size() + b.size() + 1, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      uint64_t cur = acc[i + j] + static_cast<uint64_t>(a[i]) * b[j] + carry;
      acc[i + j] = cur % kBase;
      carry = cur / kBase;
    }
    for (size_t k = i + b.size(); carry; ++k) {
      uint64_t cur = acc[k] + carry;
      acc[k] = cur % kBase;
      carry = cur / kBase;
    }
  }
  Mag r(acc.begin(), acc.end());
  Trim(r);
  return r;
}

Mag MulSmall(const Mag& a, uint32_t f) {
  Mag r;
  r.reserve(a.size() + 1);
  uint64_t carry = 0;
  for (uint32_t d : a) {
    uint64_t cur = static_cast<uint64_t>(d) * f + carry;
    r.push_back(static_cast<uint32_t>(cur % kBase));
    carry = cur / kBase;
  }
  if (carry) r.push_back(static_cast<uint32_t>(carry));
  Trim(r);
  return r;
}

// Truncating |a| / |b| (b non-zero): long division, each quotient digit found by bisection.
void DivModMag(const Mag& a, const Mag& b, Mag* q, Mag* r) {
  q->assign(a.size(), 0);
  r->clear();
  for (size_t i = a.size(); i-- > 0;) {
    r->insert(r->begin(), a[i]);
    Trim(*r);
    uint32_t lo = 0, hi = kBase - 1;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo + 1) / 2;
      if (CmpMag(MulSmall(b, mid), *r) <= 0)
        lo = mid;
      else
        hi = mid - 1;
    }
    (*q)[i] = lo;
    if (lo) *r = SubMag(*r, MulSmall(b, lo));
  }
  Trim(*q);
}

struct Signed {
  int sign;  // -1, 0, 1
  Mag mag;
};

}  // namespace

// Friend-free access to the representation for the helpers above.
struct PyIntAccess {
  static Signed Get(const PyInt& v) {
    if (v.big_) return {v.big_->first, v.big_->second};
    if (v.small_ == 0) return {0, {}};
    uint64_t m = v.small_ < 0 ? static_cast<uint64_t>(-(v.small_ + 1)) + 1 : static_cast<uint64_t>(v.small_);
    return {v.small_ < 0 ? -1 : 1, MagFromU64(m)};
  }
  static PyInt Make(int sign, Mag mag) {
    Trim(mag);
    if (mag.empty()) return PyInt(0);
    uint64_t m = 0;
    bool overflow = mag.size() > 3;
    for (size_t i = mag.size(); i-- > 0 && !overflow;)
      overflow = __builtin_mul_overflow(m, uint64_t{kBase}, &m) || __builtin_add_overflow(m, uint64_t{mag[i]}, &m);
    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (!overflow && sign > 0 && m <= kMax) return PyInt(static_cast<int64_t>(m));
    if (!overflow && sign < 0 && m <= kMax + 1) return PyInt(m == kMax + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(m));
    PyInt r;
    r.big_ = std::make_shared<const std::pair<int, std::vector<uint32_t>>>(sign, std::move(mag));
    return r;
  }
  static PyInt Add(const Signed& a, const Signed& b) {
    if (a.sign == 0) return Make(b.sign, b.mag);
    if (b.sign == 0) return Make(a.sign, a.mag);
    if (a.sign == b.sign) return Make(a.sign, AddMag(a.mag, b.mag));
    int c = CmpMag(a.mag, b.mag);
    if (c == 0) return PyInt(0);
    return c > 0 ? Make(a.sign, SubMag(a.mag, b.mag)) : Make(b.sign, SubMag(b.mag, a.mag));
  }
};

PyInt::PyInt(int64_t v) : small_(v) {}

PyInt PyInt::FromDecimal(std::string_view digits) {
  std::string_view d = digits;
  int sign = 1;
  if (!d.empty() && (d[0] == '-' || d[0] == '+')) {
    sign = d[0] == '-' ? -1 : 1;
    d.remove_prefix(1);
  }
  if (d.empty() || !std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw std::invalid_argument("not a decimal integer: '" + std::string(digits.substr(0, 80)) + "'");
  int64_t v = 0;
  std::string_view full = digits[0] == '+' ? digits.substr(1) : digits;
  auto [p, ec] = std::from_chars(full.data(), full.data() + full.size(), v);
  if (ec == std::errc() && p == full.data() + full.size()) return PyInt(v);
  Mag m;
  for (size_t end = d.size(); end > 0;) {
    size_t start = end >= 9 ? end - 9 : 0;
    uint32_t chunk = 0;
    for (size_t i = start; i < end; ++i) chunk = chunk * 10 + static_cast<uint32_t>(d[i] - '0');
    m.push_back(chunk);
    end = start;
  }
  return PyIntAccess::Make(sign, std::move(m));
}

PyInt PyInt::FromDouble(double d) {
  if (std::isnan(d)) throw PyException("ValueError", "cannot convert float NaN to integer");
  if (std::isinf(d)) throw PyException("OverflowError", "cannot convert float infinity to integer");
  double t = std::trunc(d);
  if (std::fabs(t) < 9.2e18) return PyInt(static_cast<int64_t>(t));
  int e = 0;
  double m = std::frexp(t, &e);  // t = m * 2^e, 0.5 <= |m| < 1, e > 63
  auto mant = static_cast<int64_t>(std::ldexp(m, 53));
  return PyInt(mant) * Pow(PyInt(2), static_cast<uint64_t>(e - 53));
}

bool PyInt::fits_int64() const { return !big_; }

int64_t PyInt::as_int64() const {
  if (big_) throw std::logic_error("PyInt::as_int64 on a value past int64: " + ToString());
  return small_;
}

double PyInt::to_double() const {
  if (!big_) return static_cast<double>(small_);
  double d = std::strtod(ToString().c_str(), nullptr);  // correctly rounded, as float(int)
  if (std::isinf(d)) throw PyException("OverflowError", "int too large to convert to float");
  return d;
}

std::string PyInt::ToString() const {
  if (!big_) return std::to_string(small_);
  const Mag& m = big_->second;
  std::string s = big_->first < 0 ? "-" : "";
  s += std::to_string(m.back());
  char buf[16];
  for (size_t i = m.size() - 1; i-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", m[i]);
    s += buf;
  }
  return s;
}

int PyInt::sign() const {
  if (big_) return big_->first;
  return (small_ > 0) - (small_ < 0);
}

std::vector<uint32_t> PyInt::AbsWords32() const {
  Mag m = PyIntAccess::Get(*this).mag;
  std::vector<uint32_t> words;
  while (!m.empty()) {
    uint64_t rem = 0;
    for (size_t i = m.size(); i-- > 0;) {
      uint64_t cur = rem * kBase + m[i];
      m[i] = static_cast<uint32_t>(cur >> 32);
      rem = cur & 0xffffffffu;
    }
    words.push_back(static_cast<uint32_t>(rem));
    Trim(m);
  }
  return words;
}

PyInt PyInt::FromWords32(const std::vector<uint32_t>& words) {
  const Mag two32 = MagFromU64(uint64_t{1} << 32);
  Mag acc;
  for (size_t i = words.size(); i-- > 0;) acc = AddMag(MulMag(acc, two32), MagFromU64(words[i]));
  Trim(acc);
  return PyIntAccess::Make(1, std::move(acc));
}

size_t PyInt::bit_length() const {
  if (!big_) {
    uint64_t m = small_ < 0 ? static_cast<uint64_t>(-(small_ + 1)) + 1 : static_cast<uint64_t>(small_);
    return m ? 64 - static_cast<size_t>(__builtin_clzll(m)) : 0;
  }
  std::vector<uint32_t> w = AbsWords32();
  return 32 * (w.size() - 1) + (32 - static_cast<size_t>(__builtin_clz(w.back())));
}

PyInt operator+(const PyInt& a, const PyInt& b) {
  int64_t r;
  if (!a.big_ && !b.big_ && !__builtin_add_overflow(a.small_, b.small_, &r)) return PyInt(r);
  return PyIntAccess::Add(PyIntAccess::Get(a), PyIntAccess::Get(b));
}

PyInt operator-(const PyInt& a, const PyInt& b) {
  int64_t r;
  if (!a.big_ && !b.big_ && !__builtin_sub_overflow(a.small_, b.small_, &r)) return PyInt(r);
  Signed nb = PyIntAccess::Get(b);
  nb.sign = -nb.sign;
  return PyIntAccess::Add(PyIntAccess::Get(a), nb);
}

PyInt operator*(const PyInt& a, const PyInt& b) {
  int64_t r;
  if (!a.big_ && !b.big_ && !__builtin_mul_overflow(a.small_, b.small_, &r)) return PyInt(r);
  Signed sa = PyIntAccess::Get(a), sb = PyIntAccess::Get(b);
  return PyIntAccess::Make(sa.sign * sb.sign, MulMag(sa.mag, sb.mag));
}

PyInt PyInt::operator-() const { return PyInt(0) - *this; }

namespace {
// Floor division and modulo together, Python's way (the remainder takes the divisor's sign).
std::pair<PyInt, PyInt> FloorDivMod(const PyInt& a, const PyInt& b, const char* zero_message) {
  if (b.sign() == 0) throw PyException("ZeroDivisionError", zero_message);
  if (a.fits_int64() && b.fits_int64() &&
      !(a.as_int64() == std::numeric_limits<int64_t>::min() && b.as_int64() == -1)) {
    int64_t x = a.as_int64(), y = b.as_int64();
    int64_t q = x / y, r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) {
      q -= 1;
      r += y;
    }
    return {PyInt(q), PyInt(r)};
  }
  Signed sa = PyIntAccess::Get(a), sb = PyIntAccess::Get(b);
  Mag q, r;
  DivModMag(sa.mag, sb.mag, &q, &r);
  PyInt qi = PyIntAccess::Make(sa.sign * sb.sign, q);
  PyInt ri = PyIntAccess::Make(sa.sign, r);
  if (ri.sign() != 0 && sa.sign != sb.sign) {
    qi = qi - PyInt(1);
    ri = ri + b;
  }
  return {qi, ri};
}
}  // namespace

// CPython 3.11's texts: // keeps the old wording, % has its own.
PyInt PyInt::FloorDiv(const PyInt& a, const PyInt& b) {
  return FloorDivMod(a, b, "integer division or modulo by zero").first;
}
PyInt PyInt::Mod(const PyInt& a, const PyInt& b) { return FloorDivMod(a, b, "integer modulo by zero").second; }

PyInt PyInt::Pow(const PyInt& base, uint64_t exponent) {
  // A result past ~64 million bits is a runaway, not data; Python would exhaust memory.
  if (exponent > 1 && base.bit_length() > 1 &&
      static_cast<double>(base.bit_length() - 1) * static_cast<double>(exponent) > 6.4e7)
    throw PyException("MemoryError", "");
  PyInt result(1), b = base;
  while (exponent) {
    if (exponent & 1) result = result * b;
    exponent >>= 1;
    if (exponent) b = b * b;
  }
  return result;
}

int Compare(const PyInt& a, const PyInt& b) {
  if (!a.big_ && !b.big_) return (a.small_ > b.small_) - (a.small_ < b.small_);
  Signed sa = PyIntAccess::Get(a), sb = PyIntAccess::Get(b);
  if (sa.sign != sb.sign) return sa.sign < sb.sign ? -1 : 1;
  int c = CmpMag(sa.mag, sb.mag);
  return sa.sign < 0 ? -c : c;
}

}  // namespace toolshift::bfcl
