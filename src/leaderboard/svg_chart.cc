#include "src/leaderboard/svg_chart.h"

#include <cmath>
#include <cstdio>

#include "src/report/markup_escape.h"

namespace toolshift {
namespace {

std::string N(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(v) ? v : 0.0);
  return buf;
}

std::string Format(const char* fmt, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

}  // namespace

const char* SplitColor(const std::string& split) {
  if (split == "id") return "#3b6fb6";
  if (split == "format") return "#d9822b";
  if (split == "content") return "#2e9e6a";
  return "#888888";
}

const char* RunColor(size_t i) {
  static const char* const kPalette[] = {"#6a3d9a", "#8c564b", "#e377c2", "#444444",
                                         "#bcbd22", "#17becf", "#b15928", "#999999"};
  return kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
}

std::vector<double> NiceTicks(double lo, double hi, int count) {
  if (!(hi > lo) || count < 1) return {lo};
  const double raw = (hi - lo) / count, power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

Svg::Svg(int width, int height, const std::string& label) {
  out_ = "<svg role=\"img\" aria-label=\"" + MarkupEscape(label) + "\" width=\"" + std::to_string(width) +
         "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
}

void Svg::Rect(double x, double y, double w, double h, const std::string& fill, const std::string& title,
               const std::string& cls) {
  out_ += "<rect" + (cls.empty() ? "" : " class=\"" + cls + "\"") + " x=\"" + N(x) + "\" y=\"" + N(y) +
          "\" width=\"" + N(w) + "\" height=\"" + N(h) + "\" fill=\"" + fill + "\"";
  out_ += title.empty() ? "/>" : "><title>" + MarkupEscape(title) + "</title></rect>";
}

void Svg::Line(double x1, double y1, double x2, double y2, const std::string& stroke, double width, bool dashed) {
  out_ += "<line x1=\"" + N(x1) + "\" y1=\"" + N(y1) + "\" x2=\"" + N(x2) + "\" y2=\"" + N(y2) + "\" stroke=\"" +
          stroke + "\" stroke-width=\"" + N(width) + "\"" + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>";
}

void Svg::Whisker(double x1, double y1, double x2, double y2, bool vertical) {
  const double cap = 3;
  out_ += "<g class=\"whisker\">";
  Line(x1, y1, x2, y2, "#222");
  if (vertical) {
    Line(x1 - cap, y1, x1 + cap, y1, "#222");
    Line(x2 - cap, y2, x2 + cap, y2, "#222");
  } else {
    Line(x1, y1 - cap, x1, y1 + cap, "#222");
    Line(x2, y2 - cap, x2, y2 + cap, "#222");
  }
  out_ += "</g>";
}

void Svg::Circle(double x, double y, double r, const std::string& fill, const std::string& title) {
  out_ += "<circle class=\"point\" cx=\"" + N(x) + "\" cy=\"" + N(y) + "\" r=\"" + N(r) + "\" fill=\"" + fill + "\"";
  out_ += title.empty() ? "/>" : "><title>" + MarkupEscape(title) + "</title></circle>";
}

void Svg::Polyline(const std::vector<std::pair<double, double>>& points, const std::string& stroke) {
  out_ += "<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"" + stroke + "\" points=\"";
  for (const auto& [x, y] : points) out_ += N(x) + "," + N(y) + " ";
  out_ += "\"/>";
}

void Svg::Text(double x, double y, const std::string& text, const char* anchor, int size, int rotate, bool bold) {
  out_ += "<text x=\"" + N(x) + "\" y=\"" + N(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
          std::to_string(size) + "\"" + (bold ? " font-weight=\"bold\"" : "");
  if (rotate != 0) out_ += " transform=\"rotate(" + std::to_string(rotate) + " " + N(x) + " " + N(y) + ")\"";
  out_ += ">" + MarkupEscape(text) + "</text>";
}

void Svg::YAxis(const Scale& y, double x, double x_end, const std::vector<double>& ticks, const char* fmt,
                const std::string& title) {
  out_ += "<g class=\"axis y-axis\">";
  for (double t : ticks) {
    Line(x, y(t), x_end, y(t), "#e4e4e4");
    Line(x - 4, y(t), x, y(t), "#444");
    Text(x - 6, y(t) + 4, Format(fmt, t), "end", 11);
  }
  Line(x, y.r0, x, y.r1, "#444");
  Text(x - 42, (y.r0 + y.r1) / 2, title, "middle", 12, -90);
  out_ += "</g>";
}

void Svg::XAxis(const Scale& x, double y, const std::vector<double>& ticks, const char* fmt, const std::string& title,
                double y_top) {
  out_ += "<g class=\"axis x-axis\">";
  for (double t : ticks) {
    if (y_top >= 0) Line(x(t), y_top, x(t), y, "#e4e4e4");
    Line(x(t), y, x(t), y + 4, "#444");
    Text(x(t), y + 16, Format(fmt, t), "middle", 11);
  }
  Line(x.r0, y, x.r1, y, "#444");
  Text((x.r0 + x.r1) / 2, y + 34, title, "middle", 12);
  out_ += "</g>";
}

std::string Svg::Finish() { return out_ + "</svg>"; }

}  // namespace toolshift
