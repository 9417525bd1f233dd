#include "util/progress.hpp"

#include <cstdio>

#include <unistd.h>

namespace trustpcf::util {

namespace {

// Redraw interval on a terminal, and line interval when standard error is a
// file or pipe (so logs of long runs stay short).
constexpr auto kTerminalRedraw = std::chrono::milliseconds(100);
constexpr auto kPipeLineInterval = std::chrono::seconds(5);
constexpr int kBarWidth = 30;

}  // namespace

Progress::Progress(std::string label, std::size_t total, bool enabled)
    : label_(std::move(label)),
      total_(total),
      enabled_(enabled),
      terminal_(::isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()),
      last_draw_(started_) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) {
  done_ = done;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  auto interval = terminal_ ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(kTerminalRedraw)
                            : std::chrono::duration_cast<std::chrono::steady_clock::duration>(kPipeLineInterval);
  if (now - last_draw_ < interval) return;
  last_draw_ = now;
  draw(false);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (enabled_) draw(true);
}

void Progress::draw(bool final) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (terminal_) {
    std::fprintf(stderr, "\r%s ", label_.c_str());
    if (total_ > 0) {
      int filled = static_cast<int>(kBarWidth * static_cast<double>(done_) / static_cast<double>(total_));
      std::fputc('[', stderr);
      for (int i = 0; i < kBarWidth; ++i) std::fputc(i < filled ? '#' : '.', stderr);
      std::fprintf(stderr, "] %zu/%zu", done_, total_);
    } else {
      std::fprintf(stderr, "%zu", done_);
    }
    std::fprintf(stderr, " %.1fs", seconds);
    if (final) std::fputc('\n', stderr);
  } else if (total_ > 0) {
    std::fprintf(stderr, "%s %zu/%zu (%.1fs)\n", label_.c_str(), done_, total_, seconds);
  } else {
    std::fprintf(stderr, "%s %zu (%.1fs)\n", label_.c_str(), done_, seconds);
  }
  std::fflush(stderr);
}

}  // namespace trustpcf::util
