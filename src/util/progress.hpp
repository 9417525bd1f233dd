#pragma once

// Progress reporting for long work (imports, big calculations). Draws a bar
// on standard error when it is a terminal, else prints a line at most every
// few seconds, and prints nothing when disabled (--quiet, --json).

#include <chrono>
#include <cstddef>
#include <string>

namespace trustpcf::util {

class Progress {
 public:
  // `label` names the work ("importing"); `total` is the number of units
  // (0 when unknown).
  Progress(std::string label, std::size_t total, bool enabled);
  ~Progress();

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Sets the number of finished units and redraws when due.
  void update(std::size_t done);

  // Draws the final state and ends the line. Called by the destructor too.
  void finish();

 private:
  void draw(bool final);

  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_;
  bool terminal_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace trustpcf::util
