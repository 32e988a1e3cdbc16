#include "src/interop/bfcl/apis/math_numerics.h"

#include <gmp.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "src/interop/bfcl/apis/py_ops.h"

namespace toolshift::bfcl::mathnum {
namespace {

// Precisions past these would take Python minutes (or forever); they are refused instead.
constexpr int64_t kMaxMpPrec = 1 << 20;      // bits (about 315,000 digits)
constexpr int64_t kMaxDecimalPrec = 100000;  // digits
// CPython's int -> str limit (sys.get_int_max_str_digits()).
constexpr size_t kMaxIntDigits = 4300;
const char* kIntDigitsText =
    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase "
    "the limit";

// math.log(10, 2) as CPython computes it (log(10) / log(2) in doubles).
const double kLog2Of10 = std::log(10.0) / std::log(2.0);

// --- GMP / MPFR values with scope-bound lifetimes ----------------------------------------

struct Z {
  mpz_t v;
  Z() { mpz_init(v); }
  explicit Z(const PyInt& i) {
    mpz_init(v);
    if (i.fits_int64()) mpz_set_si(v, i.as_int64());
    else mpz_set_str(v, i.ToString().c_str(), 10);
  }
  ~Z() { mpz_clear(v); }
  Z(const Z&) = delete;
  Z& operator=(const Z&) = delete;
  std::string Decimal() const {
    std::string s(mpz_sizeinbase(v, 10) + 2, '\0');
    mpz_get_str(s.data(), 10, v);
    s.resize(std::char_traits<char>::length(s.c_str()));
    return s;
  }
  PyInt ToPyInt() const { return mpz_fits_slong_p(v) ? PyInt(mpz_get_si(v)) : PyInt::FromDecimal(Decimal()); }
};

struct R {
  mpfr_t v;
  explicit R(int64_t prec) { mpfr_init2(v, static_cast<mpfr_prec_t>(std::max<int64_t>(prec, MPFR_PREC_MIN))); }
  R(const R& o) {
    mpfr_init2(v, mpfr_get_prec(o.v));
    mpfr_set(v, o.v, MPFR_RNDN);
  }
  R& operator=(const R&) = delete;
  ~R() { mpfr_clear(v); }
};

// An mpmath number: an mpf, or an mpc when `im` is set.
struct MpNum {
  R re;
  std::optional<R> im;
};

bool IsIntLike(const PyValue& v) { return v.is_bool() || v.is_int(); }
PyInt AsInt(const PyValue& v) { return v.is_bool() ? PyInt(v.as_bool() ? 1 : 0) : v.as_int(); }
double AsDouble(const PyValue& v) { return v.is_float() ? v.as_float() : AsInt(v).to_double(); }

// --- mpmath ---------------------------------------------------------------------------------

// Python's round(x) for a float, to an int (half-even).
PyInt RoundHalfEven(double x) {
  if (std::isinf(x)) throw PyException("OverflowError", "cannot convert float infinity to integer");
  if (std::isnan(x)) throw PyException("ValueError", "cannot convert float NaN to integer");
  return PyInt::FromDouble(std::nearbyint(x));
}

// A float literal as Python's float() reads it (digits, one '.', an exponent; underscores
// between digits), or nullopt. Returns the text without underscores.
std::optional<std::string> FloatLiteral(std::string_view s) {
  std::string out;
  size_t i = 0;
  auto digits = [&](bool& any) {
    bool last_digit = false;
    while (i < s.size()) {
      if (s[i] >= '0' && s[i] <= '9') {
        out += s[i++];
        any = last_digit = true;
      } else if (s[i] == '_' && last_digit && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
        ++i;
        last_digit = false;
      } else {
        break;
      }
    }
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) out += s[i++];
  bool mantissa = false;
  digits(mantissa);
  if (i < s.size() && s[i] == '.') {
    out += s[i++];
    digits(mantissa);
  }
  if (!mantissa) return std::nullopt;
  if (i < s.size() && s[i] == 'e') {
    out += s[i++];
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) out += s[i++];
    bool exponent = false;
    digits(exponent);
    if (!exponent) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return out;
}

std::string PyStrip(const std::string& s) {
  size_t b = 0, e = s.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// mpf_div's rules: 0/0 and x/0 raise ZeroDivisionError (mpmath has no signed zero or
// infinite quotient by zero); otherwise correctly rounded.
R MpDiv(const R& a, const R& b, int64_t prec) {
  R out(prec);
  bool a_regular = mpfr_regular_p(a.v), b_regular = mpfr_regular_p(b.v);
  if (a_regular && b_regular) {
    mpfr_div(out.v, a.v, b.v, MPFR_RNDN);
    return out;
  }
  if (mpfr_zero_p(a.v)) {
    if (mpfr_zero_p(b.v)) throw PyException("ZeroDivisionError", "");
    if (mpfr_nan_p(b.v)) mpfr_set_nan(out.v);
    else mpfr_set_zero(out.v, 1);
    return out;
  }
  if (mpfr_zero_p(b.v)) throw PyException("ZeroDivisionError", "");
  bool a_special = !a_regular, b_special = !b_regular;  // inf or nan
  if ((a_special && b_special) || mpfr_nan_p(a.v) || mpfr_nan_p(b.v)) {
    mpfr_set_nan(out.v);
  } else if (!b_special) {  // inf / finite
    mpfr_set_inf(out.v, (mpfr_signbit(a.v) != 0) == (mpfr_signbit(b.v) != 0) ? 1 : -1);
  } else {  // finite / inf
    mpfr_set_zero(out.v, 1);
  }
  return out;
}

// mpf_mul without a precision: exact.
R MpMulExact(const R& a, const R& b) {
  R out(static_cast<int64_t>(mpfr_get_prec(a.v) + mpfr_get_prec(b.v)));
  mpfr_mul(out.v, a.v, b.v, MPFR_RNDN);
  return out;
}
// mpf_add / mpf_sub at `prec` with mpmath's default rounding (round_fast = toward zero).
R MpAddDown(const R& a, const R& b, int64_t prec, bool subtract) {
  R out(prec);
  if (subtract) mpfr_sub(out.v, a.v, b.v, MPFR_RNDZ);
  else mpfr_add(out.v, a.v, b.v, MPFR_RNDZ);
  return out;
}

// ctx.convert(x): ints exactly, floats exactly, strings read at the context precision.
R MpConvert(const MpContext& ctx, const PyValue& x) {
  if (IsIntLike(x)) {
    Z z(AsInt(x));
    R out(static_cast<int64_t>(mpz_sizeinbase(z.v, 2)));
    mpfr_set_z(out.v, z.v, MPFR_RNDN);
    return out;
  }
  if (x.is_float()) {
    R out(53);
    mpfr_set_d(out.v, x.as_float(), MPFR_RNDN);
    return out;
  }
  if (x.is_str()) {
    std::string s = PyStrip(PyLower(x.as_str()));
    R out(ctx.prec);
    if (s == "inf" || s == "+inf" || s == "-inf" || s == "nan") {  // libmpf's special_str
      if (s == "nan") mpfr_set_nan(out.v);
      else mpfr_set_inf(out.v, s == "-inf" ? -1 : 1);
      return out;
    }
    size_t slash = s.find('/');
    if (slash != std::string::npos) {  // from_rational(int(p), int(q))
      try {
        Z p(PyToInt(PyValue::Str(s.substr(0, slash)))), q(PyToInt(PyValue::Str(s.substr(slash + 1))));
        R rp(static_cast<int64_t>(mpz_sizeinbase(p.v, 2))), rq(static_cast<int64_t>(mpz_sizeinbase(q.v, 2)));
        mpfr_set_z(rp.v, p.v, MPFR_RNDN);
        mpfr_set_z(rq.v, q.v, MPFR_RNDN);
        return MpDiv(rp, rq, ctx.prec);
      } catch (const PyException& e) {
        if (e.type() != "ValueError") throw;
      }
    } else {
      while (!s.empty() && s.back() == 'l') s.pop_back();  // str_to_man_exp's rstrip('l')
      if (std::optional<std::string> literal = FloatLiteral(s)) {
        mpfr_set_str(out.v, literal->c_str(), 10, MPFR_RNDN);
        return out;
      }
    }
  }
  throw PyException("TypeError", "cannot create mpf from " + PyRepr(x));
}

// mpmath.ln(x): a negative argument gives the mpc (log|x|, pi).
MpNum MpLn(const R& x, int64_t prec) {
  R re(prec);
  if (mpfr_nan_p(x.v)) {
    mpfr_set_nan(re.v);
    return {re, std::nullopt};
  }
  if (!mpfr_zero_p(x.v) && mpfr_signbit(x.v)) {
    R magnitude(x);
    mpfr_abs(magnitude.v, x.v, MPFR_RNDN);
    mpfr_log(re.v, magnitude.v, MPFR_RNDN);
    R im(prec);
    mpfr_const_pi(im.v, MPFR_RNDN);
    return {re, im};
  }
  mpfr_log(re.v, x.v, MPFR_RNDN);  // log(0) = -inf
  return {re, std::nullopt};
}

// mpf / mpf, mpc / mpf (mpc_div_mpf), mpf / mpc and mpc / mpc (mpc_div), as mpmath divides.
MpNum MpDivNum(const MpNum& z, const MpNum& w, int64_t prec) {
  if (!w.im) {
    if (!z.im) return {MpDiv(z.re, w.re, prec), std::nullopt};
    return {MpDiv(z.re, w.re, prec), MpDiv(*z.im, w.re, prec)};
  }
  R zero(1);
  mpfr_set_zero(zero.v, 1);
  const R& a = z.re;
  const R& b = z.im ? *z.im : zero;
  const R& c = w.re;
  const R& d = *w.im;
  int64_t wp = prec + 10;
  R mag = MpAddDown(MpMulExact(c, c), MpMulExact(d, d), wp, false);
  R t = MpAddDown(MpMulExact(a, c), MpMulExact(b, d), wp, false);
  R u = MpAddDown(MpMulExact(b, c), MpMulExact(a, d), wp, true);
  return {MpDiv(t, mag, prec), MpDiv(u, mag, prec)};
}

// to_str(x, dps) of libmpf for sign * man * 2^exp, man > 0 (to_digits_exp then mpmath's
// rounding of the digit string and its fixed/exponent layout).
std::string MpfToStrZ(bool negative, const mpz_t man_in, int64_t exp, int64_t dps) {
  Z man;
  mpz_set(man.v, man_in);
  int64_t bc = static_cast<int64_t>(mpz_sizeinbase(man.v, 2));
  // to_digits_exp(s, dps + 3). (Its shortcut for |exp + bc| > 3500 is not reproduced: a
  // logarithm ratio of Python numbers never comes near such magnitudes.)
  int64_t digits_wanted = dps + 3;
  int64_t bitprec = static_cast<int64_t>(static_cast<double>(digits_wanted) * kLog2Of10) + 10;
  int64_t fixprec = std::max<int64_t>(bitprec - exp - bc, 0);
  int64_t fixdps = static_cast<int64_t>(static_cast<double>(fixprec) / kLog2Of10 + 0.5);
  Z sf;
  int64_t shift = exp + fixprec;
  if (shift >= 0) mpz_mul_2exp(sf.v, man.v, static_cast<mp_bitcnt_t>(shift));
  else mpz_fdiv_q_2exp(sf.v, man.v, static_cast<mp_bitcnt_t>(-shift));
  Z scale;
  mpz_ui_pow_ui(scale.v, 10, static_cast<unsigned long>(fixdps));
  mpz_mul(sf.v, sf.v, scale.v);
  mpz_fdiv_q_2exp(sf.v, sf.v, static_cast<mp_bitcnt_t>(fixprec));
  std::string digits = sf.Decimal();
  int64_t exponent = static_cast<int64_t>(digits.size()) - fixdps - 1;

  const size_t n = static_cast<size_t>(dps);
  if (digits.size() > n && digits[n] >= '5') {
    digits.resize(n);
    int64_t i = dps - 1;
    while (i >= 0 && digits[static_cast<size_t>(i)] == '9') --i;
    if (i >= 0) {
      digits[static_cast<size_t>(i)] = static_cast<char>(digits[static_cast<size_t>(i)] + 1);
      std::fill(digits.begin() + i + 1, digits.end(), '0');
    } else {
      digits = "1" + std::string(n - 1, '0');
      ++exponent;
    }
  } else if (digits.size() > n) {
    digits.resize(n);
  }
  int64_t min_fixed = std::min<int64_t>(-(dps / 3), -5);
  int64_t max_fixed = dps;
  size_t split = 1;
  if (min_fixed < exponent && exponent < max_fixed) {
    if (exponent < 0) {
      digits = std::string(static_cast<size_t>(-exponent), '0') + digits;
    } else {
      split = static_cast<size_t>(exponent + 1);
      if (split > n) digits += std::string(split - n, '0');
    }
    exponent = 0;
  }
  std::string text = digits.substr(0, std::min(split, digits.size())) + "." +
                     (split < digits.size() ? digits.substr(split) : std::string());
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (text.back() == '.') text += '0';
  std::string sign = negative ? "-" : "";
  if (exponent == 0) return sign + text;
  return sign + text + (exponent > 0 ? "e+" : "e") + std::to_string(exponent);
}

std::string MpToStr(const R& x, int64_t dps) {
  if (mpfr_nan_p(x.v)) return "nan";
  if (mpfr_inf_p(x.v)) return mpfr_signbit(x.v) ? "-inf" : "+inf";
  if (mpfr_zero_p(x.v)) return "0.0";
  Z man;
  mpfr_exp_t exp = mpfr_get_z_2exp(man.v, x.v);
  bool negative = mpz_sgn(man.v) < 0;
  mpz_abs(man.v, man.v);
  mp_bitcnt_t zeros = mpz_scan1(man.v, 0);
  mpz_fdiv_q_2exp(man.v, man.v, zeros);
  return MpfToStrZ(negative, man.v, static_cast<int64_t>(exp) + static_cast<int64_t>(zeros), dps);
}

bool MpNegative(const R& x) { return !mpfr_nan_p(x.v) && !mpfr_zero_p(x.v) && mpfr_signbit(x.v); }

PyValue MpOpaque(const MpContext& ctx, const MpNum& num) {
  int64_t repr_digits = ReprDigits(ctx.prec);
  if (!num.im) {
    std::string repr = "mpf('" + MpToStr(num.re, repr_digits) + "')";
    return PyValue::Opaque("mpf", repr, MpToStr(num.re, ctx.dps));
  }
  std::string repr = "mpc(real='" + MpToStr(num.re, repr_digits) + "', imag='" + MpToStr(*num.im, repr_digits) + "')";
  std::string str = "(" + MpToStr(num.re, ctx.dps);
  if (MpNegative(*num.im)) {
    R positive(*num.im);
    mpfr_neg(positive.v, num.im->v, MPFR_RNDN);
    str += " - " + MpToStr(positive, ctx.dps) + "j)";
  } else {
    str += " + " + MpToStr(*num.im, ctx.dps) + "j)";
  }
  return PyValue::Opaque("mpc", repr, str);
}

// --- decimal ----------------------------------------------------------------------------

// A finite Decimal: (-1)^negative * coefficient * 10^exp.
struct Dec {
  bool negative = false;
  std::string coefficient;  // decimal digits, no leading zeros (or "0")
  int64_t exp = 0;
};

// Decimal.__str__ (scientific notation, capital E).
std::string DecimalText(const Dec& d) {
  const std::string& c = d.coefficient;
  int64_t len = static_cast<int64_t>(c.size());
  int64_t leftdigits = d.exp + len;
  int64_t dotplace = (d.exp <= 0 && leftdigits > -6) ? leftdigits : 1;
  std::string intpart, fracpart;
  if (dotplace <= 0) {
    intpart = "0";
    fracpart = "." + std::string(static_cast<size_t>(-dotplace), '0') + c;
  } else if (dotplace >= len) {
    intpart = c + std::string(static_cast<size_t>(dotplace - len), '0');
  } else {
    intpart = c.substr(0, static_cast<size_t>(dotplace));
    fracpart = "." + c.substr(static_cast<size_t>(dotplace));
  }
  std::string exp_text;
  if (leftdigits != dotplace) {
    int64_t e = leftdigits - dotplace;
    exp_text = std::string("E") + (e >= 0 ? "+" : "-") + std::to_string(e >= 0 ? e : -e);
  }
  return (d.negative ? "-" : "") + intpart + fracpart + exp_text;
}

PyValue DecimalOpaque(const std::string& text) {
  return PyValue::Opaque("Decimal", "Decimal('" + text + "')", text);
}

// Decimal(x) for a finite, positive float: coefficient n * 5^k and exponent -k, where
// x = n / 2^k in lowest terms (Decimal.from_float).
Dec DecimalFromDouble(double x) {
  int e2 = 0;
  double frac = std::frexp(x, &e2);
  Z n;
  mpz_set_d(n.v, std::ldexp(frac, 53));
  int64_t e = e2 - 53;
  mp_bitcnt_t zeros = mpz_scan1(n.v, 0);
  mpz_fdiv_q_2exp(n.v, n.v, zeros);
  e += static_cast<int64_t>(zeros);
  Dec d;
  if (e >= 0) {
    mpz_mul_2exp(n.v, n.v, static_cast<mp_bitcnt_t>(e));
  } else {
    Z five;
    mpz_ui_pow_ui(five.v, 5, static_cast<unsigned long>(-e));
    mpz_mul(n.v, n.v, five.v);
    d.exp = e;
  }
  d.coefficient = n.Decimal();
  return d;
}

// Decimal._fix at precision `prec` with ROUND_HALF_EVEN (the exponent range is never reached
// by square roots of Python floats and ints of sane size).
Dec FixHalfEven(Dec d, int64_t prec) {
  int64_t len = static_cast<int64_t>(d.coefficient.size());
  if (len <= prec) return d;
  size_t keep = static_cast<size_t>(prec);
  std::string kept = d.coefficient.substr(0, keep);
  std::string rest = d.coefficient.substr(keep);
  bool up = false;
  if (rest[0] > '5') {
    up = true;
  } else if (rest[0] == '5') {
    bool beyond = rest.find_first_not_of('0', 1) != std::string::npos;
    up = beyond || ((kept.back() - '0') % 2 == 1);
  }
  d.exp += len - prec;
  if (up) {
    Z c;
    mpz_set_str(c.v, kept.c_str(), 10);
    mpz_add_ui(c.v, c.v, 1);
    kept = c.Decimal();
    if (static_cast<int64_t>(kept.size()) > prec) {
      kept.pop_back();
      d.exp += 1;
    }
  }
  d.coefficient = kept;
  return d;
}

// Decimal.sqrt() of a positive finite value (the algorithm of CPython's _pydecimal, which
// libmpdec matches: exact results keep the ideal exponent exp // 2).
Dec DecimalSqrtPositive(const Dec& x, int64_t context_prec) {
  int64_t prec = context_prec + 1;
  Z c;
  mpz_set_str(c.v, x.coefficient.c_str(), 10);
  int64_t len = static_cast<int64_t>(x.coefficient.size());
  int64_t e = x.exp >= 0 ? x.exp / 2 : -((-x.exp + 1) / 2);  // exp >> 1 (floor)
  int64_t l;
  if (x.exp % 2 != 0) {
    mpz_mul_ui(c.v, c.v, 10);
    l = (len >> 1) + 1;
  } else {
    l = (len + 1) >> 1;
  }
  int64_t shift = prec - l;
  bool exact;
  Z scale;
  if (shift >= 0) {
    mpz_ui_pow_ui(scale.v, 100, static_cast<unsigned long>(shift));
    mpz_mul(c.v, c.v, scale.v);
    exact = true;
  } else {
    mpz_ui_pow_ui(scale.v, 100, static_cast<unsigned long>(-shift));
    Z rem;
    mpz_fdiv_qr(c.v, rem.v, c.v, scale.v);
    exact = mpz_sgn(rem.v) == 0;
  }
  e -= shift;
  Z n;
  mpz_sqrt(n.v, c.v);
  if (exact) {
    Z square;
    mpz_mul(square.v, n.v, n.v);
    exact = mpz_cmp(square.v, c.v) == 0;
  }
  if (exact) {
    Z ten;
    if (shift >= 0) {
      mpz_ui_pow_ui(ten.v, 10, static_cast<unsigned long>(shift));
      mpz_fdiv_q(n.v, n.v, ten.v);
    } else {
      mpz_ui_pow_ui(ten.v, 10, static_cast<unsigned long>(-shift));
      mpz_mul(n.v, n.v, ten.v);
    }
    e += shift;
  } else if (mpz_fdiv_ui(n.v, 5) == 0) {
    mpz_add_ui(n.v, n.v, 1);
  }
  Dec out;
  out.coefficient = n.Decimal();
  out.exp = e;
  return FixHalfEven(out, context_prec);
}

// --- floats ---------------------------------------------------------------------------------

bool IsOddInteger(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

std::string ComplexRepr(double re, double im) {
  if (re == 0.0 && !std::signbit(re)) return PyFloatRepr(im) + "j";
  std::string imag = PyFloatRepr(im);
  if (imag[0] != '-') imag = "+" + imag;
  return "(" + PyFloatRepr(re) + imag + "j)";
}

// complex(v) ** complex(w) for a negative float v and a non-integral float w (_Py_c_pow).
PyValue ComplexPow(double v, double w) {
  double vabs = std::hypot(v, 0.0);
  double len = std::pow(vabs, w);
  double at = std::atan2(0.0, v);
  double phase = at * w;
  double re = len * std::cos(phase), im = len * std::sin(phase);
  if (std::isinf(re) || std::isinf(im)) throw PyException("OverflowError", "complex exponentiation");
  std::string repr = ComplexRepr(re, im);
  return PyValue::Opaque("complex", repr, repr);
}

// CPython's float_pow.
PyValue FloatPow(double iv, double iw) {
  if (iw == 0.0) return PyValue::Float(1.0);
  if (std::isnan(iv)) return PyValue::Float(iv);
  if (std::isnan(iw)) return PyValue::Float(iv == 1.0 ? 1.0 : iw);
  if (std::isinf(iw)) {
    iv = std::fabs(iv);
    if (iv == 1.0) return PyValue::Float(1.0);
    if ((iw > 0.0) == (iv > 1.0)) return PyValue::Float(std::fabs(iw));
    return PyValue::Float(0.0);
  }
  if (std::isinf(iv)) {
    bool odd = IsOddInteger(iw);
    if (iw > 0.0) return PyValue::Float(odd ? iv : std::fabs(iv));
    return PyValue::Float(odd ? std::copysign(0.0, iv) : 0.0);
  }
  if (iv == 0.0) {
    bool odd = IsOddInteger(iw);
    if (iw < 0.0) throw PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    return PyValue::Float(odd ? iv : 0.0);
  }
  bool negate = false;
  if (iv < 0.0) {
    if (iw != std::floor(iw)) return ComplexPow(iv, iw);
    iv = -iv;
    negate = IsOddInteger(iw);
  }
  if (iv == 1.0) return PyValue::Float(negate ? -1.0 : 1.0);
  double ix = std::pow(iv, iw);
  if (std::isinf(ix)) throw PyException("OverflowError", "(34, 'Numerical result out of range')");
  return PyValue::Float(negate ? -ix : ix);
}

[[noreturn]] void ThrowUnsupported(const char* op, const PyValue& a, const PyValue& b) {
  throw PyException("TypeError", std::string("unsupported operand type(s) for ") + op + ": '" + a.TypeName() +
                                     "' and '" + b.TypeName() + "'");
}

// The double nearest a / b for ints, rounded once from the exact quotient (CPython's
// long_true_divide), with its OverflowError.
double IntTrueDiv(const PyInt& a, const PyInt& b) {
  if (b.sign() == 0) throw PyException("ZeroDivisionError", "division by zero");
  constexpr int64_t kExact = int64_t{1} << 53;
  if (a.fits_int64() && b.fits_int64() && std::llabs(a.as_int64()) <= kExact && std::llabs(b.as_int64()) <= kExact)
    return static_cast<double>(a.as_int64()) / static_cast<double>(b.as_int64());
  Z za(a), zb(b);
  R ra(std::max<int64_t>(static_cast<int64_t>(mpz_sizeinbase(za.v, 2)), 2));
  R rb(std::max<int64_t>(static_cast<int64_t>(mpz_sizeinbase(zb.v, 2)), 2));
  mpfr_set_z(ra.v, za.v, MPFR_RNDN);
  mpfr_set_z(rb.v, zb.v, MPFR_RNDN);
  R q(53);
  mpfr_div(q.v, ra.v, rb.v, MPFR_RNDN);
  if (mpfr_zero_p(q.v)) return 0.0;
  mpfr_exp_t e = mpfr_get_exp(q.v);  // q in [2^(e-1), 2^e)
  if (e > 1024) throw PyException("OverflowError", "integer division result too large for a float");
  if (e < -1021) {  // subnormal: round once at the precision the double has left
    int64_t bits = 53 - (-1021 - static_cast<int64_t>(e));
    if (bits < 1) return std::copysign(0.0, mpfr_sgn(q.v));
    R sub(bits);
    mpfr_div(sub.v, ra.v, rb.v, MPFR_RNDN);
    return mpfr_get_d(sub.v, MPFR_RNDN);
  }
  return mpfr_get_d(q.v, MPFR_RNDN);
}

// round(x, ndigits) for a finite float and an ndigits within CPython's range: the exact
// binary value rounded half-even to a decimal, read back by strtod.
double RoundDouble(double x, int64_t ndigits) {
  int e2 = 0;
  double frac = std::frexp(std::fabs(x), &e2);
  Z num, den;
  mpz_set_d(num.v, std::ldexp(frac, 53));
  int64_t e = e2 - 53;
  mpz_set_ui(den.v, 1);
  if (e >= 0) mpz_mul_2exp(num.v, num.v, static_cast<mp_bitcnt_t>(e));
  else mpz_mul_2exp(den.v, den.v, static_cast<mp_bitcnt_t>(-e));
  Z ten;
  mpz_ui_pow_ui(ten.v, 10, static_cast<unsigned long>(ndigits >= 0 ? ndigits : -ndigits));
  if (ndigits >= 0) mpz_mul(num.v, num.v, ten.v);
  else mpz_mul(den.v, den.v, ten.v);
  Z q, r;
  mpz_fdiv_qr(q.v, r.v, num.v, den.v);
  mpz_mul_2exp(r.v, r.v, 1);
  int c = mpz_cmp(r.v, den.v);
  if (c > 0 || (c == 0 && mpz_odd_p(q.v))) mpz_add_ui(q.v, q.v, 1);
  std::string text = (std::signbit(x) ? "-" : "") + q.Decimal() + "e" + std::to_string(-ndigits);
  double rounded = std::strtod(text.c_str(), nullptr);
  if (std::isinf(rounded)) throw PyException("OverflowError", "rounded value too large to represent");
  return rounded;
}

}  // namespace

int64_t DpsToPrec(int64_t dps) {
  double bits = static_cast<double>(dps + 1) * 3.3219280948873626;
  return std::max<int64_t>(1, static_cast<int64_t>(std::nearbyint(bits)));
}

int64_t ReprDigits(int64_t prec) {
  int64_t dps = std::max<int64_t>(1, static_cast<int64_t>(std::nearbyint(static_cast<double>(prec) / 3.3219280948873626)) - 1);
  return dps == 15 ? 17 : dps + 3;
}

void SetMpDps(MpContext& ctx, const PyValue& precision) {
  PyInt n = PyToInt(precision);
  // (int(n) + 1) * 3.3219280948873626: an int times a float, then round() to an int.
  PyInt bits = RoundHalfEven((n + PyInt(1)).to_double() * 3.3219280948873626);
  if (Compare(bits, PyInt(kMaxMpPrec)) > 0)
    throw PyException("ValueError", "toolshift: mpmath precisions above " + std::to_string(kMaxMpPrec) +
                                        " bits are not supported");
  ctx.prec = std::max<int64_t>(1, bits.fits_int64() ? bits.as_int64() : 1);
  ctx.dps = n.sign() <= 0 ? 1 : n.as_int64();
}

PyValue MpLogRatio(const MpContext& ctx, const PyValue& value, const PyValue& base) {
  MpNum numerator = MpLn(MpConvert(ctx, value), ctx.prec);
  MpNum denominator = MpLn(MpConvert(ctx, base), ctx.prec);
  return MpOpaque(ctx, MpDivNum(numerator, denominator, ctx.prec));
}

std::string MpfToStr(bool negative, const std::string& man_decimal, int64_t exp, int64_t dps) {
  Z man;
  mpz_set_str(man.v, man_decimal.c_str(), 10);
  return MpfToStrZ(negative, man.v, exp, dps);
}

PyValue DecimalSqrt(const PyValue& number, int64_t prec) {
  Dec x;
  if (IsIntLike(number)) {
    PyInt i = AsInt(number);
    x.coefficient = (i.sign() < 0 ? -i : i).ToString();
  } else {
    double d = number.as_float();
    if (std::isnan(d)) return DecimalOpaque("NaN");
    if (std::isinf(d)) return DecimalOpaque("Infinity");
    if (d == 0.0) {
      x.negative = std::signbit(d);
      x.coefficient = "0";
    } else {
      x = DecimalFromDouble(d);
    }
  }
  if (x.coefficient == "0") {  // sqrt(±0) = ±0 with exponent exp // 2
    return DecimalOpaque(DecimalText(x));
  }
  return DecimalOpaque(DecimalText(DecimalSqrtPositive(x, prec)));
}

PyValue Round(const PyValue& number, const PyValue& ndigits) {
  if (!number.is_number())
    throw PyException("TypeError", "type " + number.TypeName() + " doesn't define __round__ method");
  if (ndigits.is_none()) {
    if (IsIntLike(number)) return PyValue::Int(AsInt(number));
    return PyValue::Int(RoundHalfEven(number.as_float()));
  }
  if (!IsIntLike(ndigits))
    throw PyException("TypeError", "'" + ndigits.TypeName() + "' object cannot be interpreted as an integer");
  PyInt n = AsInt(ndigits);
  if (IsIntLike(number)) {
    PyInt value = AsInt(number);
    if (n.sign() >= 0) return PyValue::Int(value);
    // value - divmod_near(value, 10 ** -n)[1]: the nearest multiple, ties to even.
    PyInt digits(static_cast<int64_t>(value.ToString().size()));
    if (Compare(-n, digits + PyInt(1)) > 0) return PyValue::Int(0);
    PyInt pow = PyInt::Pow(10, static_cast<uint64_t>((-n).as_int64()));
    PyInt q = PyInt::FloorDiv(value, pow);
    PyInt r = PyInt::Mod(value, pow);
    int c = Compare(r * PyInt(2), pow);
    if (c > 0 || (c == 0 && PyInt::Mod(q, 2).sign() != 0)) q = q + PyInt(1);
    return PyValue::Int(q * pow);
  }
  double x = number.as_float();
  if (!std::isfinite(x)) return PyValue::Float(x);
  if (!n.fits_int64() || n.as_int64() > 323) {
    if (n.sign() > 0) return PyValue::Float(x);
    return PyValue::Float(0.0 * x);
  }
  if (n.as_int64() < -308) return PyValue::Float(0.0 * x);
  return PyValue::Float(RoundDouble(x, n.as_int64()));
}

PyValue TrueDiv(const PyValue& a, const PyValue& b) {
  if (!a.is_number() || !b.is_number()) ThrowUnsupported("/", a, b);
  if (IsIntLike(a) && IsIntLike(b)) return PyValue::Float(IntTrueDiv(AsInt(a), AsInt(b)));
  double x = AsDouble(a), y = AsDouble(b);
  if (y == 0.0) throw PyException("ZeroDivisionError", "float division by zero");
  return PyValue::Float(x / y);
}

PyValue Pow(const PyValue& a, const PyValue& b) {
  if (!a.is_number() || !b.is_number()) ThrowUnsupported("** or pow()", a, b);
  if (IsIntLike(a) && IsIntLike(b) && AsInt(b).sign() >= 0) {
    PyInt base = AsInt(a), exponent = AsInt(b);
    if (base.sign() == 0) return PyValue::Int(exponent.sign() == 0 ? 1 : 0);
    if (base == PyInt(1)) return PyValue::Int(1);
    if (base == PyInt(-1)) return PyValue::Int(PyInt::Mod(exponent, 2).sign() == 0 ? 1 : -1);
    // |base| >= 2: more than 4,300 digits cannot be printed (CPython's str() limit).
    double digits = static_cast<double>(base.bit_length() - 1) * 0.30102999566398120;
    if (!exponent.fits_int64() || digits * static_cast<double>(exponent.as_int64()) > kMaxIntDigits + 1)
      throw PyException("ValueError", kIntDigitsText);
    PyInt result = PyInt::Pow(base, static_cast<uint64_t>(exponent.as_int64()));
    std::string text = result.ToString();
    if (text.size() - (result.sign() < 0 ? 1 : 0) > kMaxIntDigits) throw PyException("ValueError", kIntDigitsText);
    return PyValue::Int(result);
  }
  return FloatPow(AsDouble(a), AsDouble(b));
}

}  // namespace toolshift::bfcl::mathnum
