#include "util/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trustpcf::util {

namespace {

Error system_error(const std::string& action, const std::filesystem::path& path) {
  return make_error(ErrorCode::kStorage, "cannot {} '{}': {}", action, path.string(),
                    std::strerror(errno));
}

Status write_all(int fd, const std::string& contents, const std::filesystem::path& path) {
  const char* data = contents.data();
  size_t remaining = contents.size();
  while (remaining > 0) {
    ssize_t written = ::write(fd, data, remaining);
    if (written < 0) {
      if (errno == EINTR) continue;
      return system_error("write", path);
    }
    data += written;
    remaining -= static_cast<size_t>(written);
  }
  return {};
}

Status fsync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return system_error("open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return system_error("fsync directory", dir);
  return {};
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return make_error(ErrorCode::kNotFound, "file '{}' does not exist", path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return system_error("open", path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return system_error("read", path);
  return buffer.str();
}

Result<std::string> read_stdin() {
  std::string contents((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (std::cin.bad()) {
    return make_error(ErrorCode::kStorage, "cannot read standard input: {}", std::strerror(errno));
  }
  return contents;
}

Status write_file_atomic(const std::filesystem::path& path, const std::string& contents,
                         unsigned mode) {
  std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::filesystem::path temp = dir / ("." + path.filename().string() + ".tmp");

  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return system_error("create", temp);
  // open() applies the umask; set the bits exactly as requested.
  ::fchmod(fd, mode);

  Status status = write_all(fd, contents, temp);
  if (status.ok() && ::fsync(fd) != 0) status = system_error("fsync", temp);
  ::close(fd);
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status;
  }

  if (::rename(temp.c_str(), path.c_str()) != 0) {
    Error error = system_error("rename into", path);
    ::unlink(temp.c_str());
    return error;
  }
  return fsync_directory(dir);
}

Status ensure_directory(const std::filesystem::path& path, unsigned mode) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {};
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return make_error(ErrorCode::kStorage, "cannot create directory '{}': {}", path.string(),
                      ec.message());
  }
  ::chmod(path.c_str(), mode);
  return {};
}

}  // namespace trustpcf::util
