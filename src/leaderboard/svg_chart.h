// Small SVG building blocks for the leaderboard and trend pages: a canvas that escapes every text
// it is given, linear scales, "nice" tick values and axes with ticks, grid lines and titles, and
// the pages' colours — one colour per meaning: the splits keep theirs in every chart, and the
// colours that tell runs apart are never a split's.
#ifndef TOOLSHIFT_LEADERBOARD_SVG_CHART_H_
#define TOOLSHIFT_LEADERBOARD_SVG_CHART_H_

#include <string>
#include <vector>

namespace toolshift {

// The colour of a split ("id", "format", "content"); grey for anything else.
const char* SplitColor(const std::string& split);
// The colour of the i-th run (a palette disjoint from the split colours), and of the i-th series
// of a trend chart that is not a split (signature rates).
const char* RunColor(size_t i);

// Maps [d0, d1] onto [r0, r1] linearly (r1 < r0 for a y axis that grows upwards).
struct Scale {
  double d0, d1, r0, r1;
  double operator()(double v) const { return d1 == d0 ? r0 : r0 + (v - d0) * (r1 - r0) / (d1 - d0); }
};

// About `count` round values (steps of 1, 2 or 5 times a power of ten) covering [lo, hi].
std::vector<double> NiceTicks(double lo, double hi, int count);

class Svg {
 public:
  // An <svg> of the given size; `label` is its accessible name.
  Svg(int width, int height, const std::string& label);

  // `title` becomes a hover tooltip; `cls` a class attribute (tests count class="bar").
  void Rect(double x, double y, double w, double h, const std::string& fill, const std::string& title = "",
            const std::string& cls = "");
  void Line(double x1, double y1, double x2, double y2, const std::string& stroke, double width = 1,
            bool dashed = false);
  // An interval whisker: a line from (x1, y1) to (x2, y2) with short caps at both ends.
  void Whisker(double x1, double y1, double x2, double y2, bool vertical);
  void Circle(double x, double y, double r, const std::string& fill, const std::string& title = "");
  void Polyline(const std::vector<std::pair<double, double>>& points, const std::string& stroke);
  // Text is escaped here; `anchor` is start, middle or end; `rotate` turns it about its anchor point.
  void Text(double x, double y, const std::string& text, const char* anchor = "start", int size = 11,
            int rotate = 0, bool bold = false);

  // A y axis at x = `x` over the scale's range: tick labels formatted with `fmt`, light grid lines
  // to `x_end`, and `title` written vertically at the left.
  void YAxis(const Scale& y, double x, double x_end, const std::vector<double>& ticks, const char* fmt,
             const std::string& title);
  // An x axis at y = `y`: ticks, labels and `title` centred below; grid lines up to `y_top` when > 0.
  void XAxis(const Scale& x, double y, const std::vector<double>& ticks, const char* fmt, const std::string& title,
             double y_top = -1);

  std::string Finish();

 private:
  std::string out_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_LEADERBOARD_SVG_CHART_H_
