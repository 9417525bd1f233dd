#pragma once

// A fresh directory under the system's temporary folder, removed with its
// contents when the object goes out of scope.

#include <cstdlib>
#include <filesystem>
#include <string>

namespace trustpcf::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trustpcf-test-XXXXXX").string();
    char* created = ::mkdtemp(pattern.data());
    path_ = created ? created : pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace trustpcf::testing
