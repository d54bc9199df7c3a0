#include "terminal_progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace gs::cli {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

TerminalProgress::TerminalProgress(bool quiet) : quiet_(quiet), tty_(::isatty(STDERR_FILENO) == 1) {}

void TerminalProgress::update(const StepStats& s) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!tty_ && drawn_ && now - last_line_ < std::chrono::seconds(5) && s.step != s.total_steps) return;
  last_line_ = now;
  const int width = 24;
  const double frac = s.total_steps > 0 ? static_cast<double>(s.step) / s.total_steps : 0;
  const int filled = static_cast<int>(frac * width);
  std::string bar = std::string(filled, '#') + std::string(width - filled, '.');
  std::string losses;
  for (size_t i = 0; i < s.names.size(); ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.4g", s.names[i].c_str(), s.values[i]);
    losses += buf;
  }
  for (size_t i = 0; i < s.metric_names.size() && i < s.metric_values.size(); ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.4g", s.metric_names[i].c_str(), s.metric_values[i]);
    losses += buf;
  }
  std::fprintf(stderr, "%s[%s] %ld/%ld %5.1f steps/s %7.0f img/s ETA %s |%s%s",
               tty_ ? "\r\033[K" : "", bar.c_str(), s.step, s.total_steps, s.steps_per_second,
               s.images_per_second, format_duration(s.eta_seconds).c_str(), losses.c_str(),
               tty_ ? "" : "\n");
  std::fflush(stderr);
  drawn_ = true;
}

void TerminalProgress::finish() {
  if (!quiet_ && tty_ && drawn_) std::fprintf(stderr, "\n");
}

}  // namespace gs::cli
