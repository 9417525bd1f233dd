#include "lca/jsonld_source.hpp"

#include <algorithm>
#include <memory>

#include <zip.h>

#include "util/files.hpp"

namespace trustpcf::lca {

using util::ErrorCode;
using util::make_error;

namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// True for paths that are export metadata of the packer, not openLCA data.
bool is_hidden(const std::string& relative) {
  std::size_t start = 0;
  while (start < relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    std::string_view part(relative.data() + start, end - start);
    if (part.starts_with(".") || part == "__MACOSX") return true;
    start = end + 1;
  }
  return false;
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

util::Result<std::vector<JsonldFile>> read_zip(const std::filesystem::path& path) {
  int error_code = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error_code));
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return make_error(ErrorCode::kInvalidInput,
                      "cannot open '{}' as a zip archive: {}; pass an openLCA JSON-LD export (.zip) "
                      "or its unpacked folder",
                      path.string(), reason);
  }

  std::vector<JsonldFile> files;
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t index = 0; index < count; ++index) {
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) continue;
    std::string name = stat.name;
    if (!ends_with(name, ".json") || is_hidden(name)) continue;

    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0), &zip_fclose);
    if (!file) {
      return make_error(ErrorCode::kStorage, "cannot read '{}' in '{}': {}", name, path.string(),
                        zip_strerror(archive.get()));
    }
    std::string contents(static_cast<std::size_t>(stat.size), '\0');
    zip_int64_t read = zip_fread(file.get(), contents.data(), stat.size);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
      return make_error(ErrorCode::kStorage, "cannot read '{}' in '{}': {}", name, path.string(),
                        zip_file_strerror(file.get()));
    }
    files.push_back({std::move(name), std::move(contents)});
  }
  return files;
}

util::Result<std::vector<JsonldFile>> read_folder(const std::filesystem::path& root) {
  std::vector<JsonldFile> files;
  std::error_code error;
  std::filesystem::recursive_directory_iterator it(root, error), end;
  if (error) {
    return make_error(ErrorCode::kStorage, "cannot list folder '{}': {}", root.string(), error.message());
  }
  for (; it != end; it.increment(error)) {
    if (error) {
      return make_error(ErrorCode::kStorage, "cannot list folder '{}': {}", root.string(), error.message());
    }
    if (!it->is_regular_file()) continue;
    std::string relative = std::filesystem::relative(it->path(), root).generic_string();
    if (!ends_with(relative, ".json") || is_hidden(relative)) continue;
    TRUSTPCF_ASSIGN_OR_RETURN(std::string contents, util::read_file(it->path()));
    files.push_back({std::move(relative), std::move(contents)});
  }
  return files;
}

}  // namespace

util::Result<std::vector<JsonldFile>> read_jsonld_files(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return make_error(ErrorCode::kNotFound, "'{}' does not exist; pass an openLCA JSON-LD export (.zip or folder)",
                      path.string());
  }

  std::vector<JsonldFile> files;
  if (std::filesystem::is_directory(path, error)) {
    TRUSTPCF_ASSIGN_OR_RETURN(files, read_folder(path));
  } else {
    TRUSTPCF_ASSIGN_OR_RETURN(files, read_zip(path));
  }
  std::sort(files.begin(), files.end(),
            [](const JsonldFile& a, const JsonldFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace trustpcf::lca
