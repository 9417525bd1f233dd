#include "tlog/state_file.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "tlog/tile_files.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog::detail {

namespace fs = std::filesystem;

namespace {

// First line of every slot, naming the format.
constexpr std::string_view kSlotMagic = "trustpcf-tlog-state 1\n";

std::string format_body(const TreeState& state) {
  nlohmann::json tiles = nlohmann::json::array();
  for (const Hash& digest : state.partial_tile_digests) tiles.push_back(hash_hex(digest));
  nlohmann::json json = {
      {"tree_size", state.size},
      {"root", encode_base64(state.root)},
      {"partial_tile_sha256", tiles},
      {"partial_bundle_bytes", state.partial_bundle_bytes},
      {"partial_bundle_sha256", hash_hex(state.partial_bundle_digest)},
  };
  return json.dump();
}

bool parse_hex_hash(const std::string& text, Hash& out) {
  size_t length = 0;
  return sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length,
                        nullptr) == 0 &&
         length == kHashSize;
}

util::Result<TreeState> parse_body(std::string_view body, const std::string& where) {
  TreeState state;
  try {
    nlohmann::json json = nlohmann::json::parse(body);
    state.size = json.at("tree_size").get<uint64_t>();
    TRUSTPCF_ASSIGN_OR_RETURN(state.root,
                              decode_base64_hash(json.at("root").get<std::string>(), "state root"));
    for (const auto& item : json.at("partial_tile_sha256")) {
      Hash digest;
      if (!parse_hex_hash(item.get<std::string>(), digest)) throw std::invalid_argument("digest");
      state.partial_tile_digests.push_back(digest);
    }
    state.partial_bundle_bytes = json.at("partial_bundle_bytes").get<uint64_t>();
    if (!parse_hex_hash(json.at("partial_bundle_sha256").get<std::string>(),
                        state.partial_bundle_digest)) {
      throw std::invalid_argument("digest");
    }
  } catch (const std::exception& e) {
    return util::make_error(util::ErrorCode::kStorage, "{} is malformed: {}", where, e.what());
  }
  if (static_cast<int>(state.partial_tile_digests.size()) != tile_level_count(state.size)) {
    return util::make_error(util::ErrorCode::kStorage,
                            "{} lists {} tile digests for a tree of size {} with {} tile levels",
                            where, state.partial_tile_digests.size(), state.size,
                            tile_level_count(state.size));
  }
  return state;
}

struct Slot {
  bool has_sequence = false;  // the header could be read
  bool valid = false;         // and the digest matches the body
  uint64_t sequence = 0;
  std::string body;
};

// Reads "<magic>sequence N\nsha256 HEX\nlength N\n<body>".
Slot read_slot(std::string_view bytes) {
  Slot slot;
  if (!bytes.starts_with(kSlotMagic)) return slot;
  bytes.remove_prefix(kSlotMagic.size());

  auto take_field = [&bytes](std::string_view name, std::string& value) {
    if (!bytes.starts_with(name)) return false;
    const size_t end = bytes.find('\n');
    if (end == std::string_view::npos) return false;
    value = std::string(bytes.substr(name.size(), end - name.size()));
    bytes.remove_prefix(end + 1);
    return true;
  };
  std::string sequence;
  std::string digest;
  std::string length;
  if (!take_field("sequence ", sequence)) return slot;
  auto [end, ec] = std::from_chars(sequence.data(), sequence.data() + sequence.size(), slot.sequence);
  slot.has_sequence = ec == std::errc() && end == sequence.data() + sequence.size();
  if (!slot.has_sequence || !take_field("sha256 ", digest) || !take_field("length ", length)) {
    return slot;
  }

  size_t body_length = 0;
  auto [length_end, length_ec] = std::from_chars(length.data(), length.data() + length.size(), body_length);
  if (length_ec != std::errc() || body_length > bytes.size()) return slot;
  slot.body = std::string(bytes.substr(0, body_length));
  slot.valid = hash_hex(sha256(slot.body)) == digest;
  return slot;
}

util::Error io_error(const char* action, const fs::path& path) {
  return util::make_error(util::ErrorCode::kStorage, "cannot {} '{}': {}", action, path.string(),
                          std::strerror(errno));
}

}  // namespace

util::Result<StoredState> load_state(const fs::path& dir) {
  const fs::path file = dir / kStateFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) return StoredState{};
  TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes, util::read_file(file));

  const Slot* newest_valid = nullptr;
  Slot slots[2];
  for (int i = 0; i < 2; ++i) {
    if (bytes.size() > i * kStateSlotSize) {
      slots[i] = read_slot(std::string_view(bytes).substr(i * kStateSlotSize, kStateSlotSize));
    }
    if (slots[i].valid && (!newest_valid || slots[i].sequence > newest_valid->sequence)) {
      newest_valid = &slots[i];
    }
  }
  if (!newest_valid) {
    return util::make_error(util::ErrorCode::kStorage,
                            "state file '{}' has no valid slot; it was changed or damaged",
                            file.string());
  }
  for (const Slot& slot : slots) {
    if (!slot.valid && slot.has_sequence && slot.sequence > newest_valid->sequence) {
      spdlog::warn("tlog state slot damaged file={} sequence={} using_sequence={}: the batch being "
                   "committed when the node stopped is discarded",
                   file.string(), slot.sequence, newest_valid->sequence);
    }
  }

  const std::string where = fmt::format("state file '{}' (sequence {})", file.string(),
                                        newest_valid->sequence);
  TRUSTPCF_ASSIGN_OR_RETURN(TreeState state, parse_body(newest_valid->body, where));
  return StoredState{std::move(state), newest_valid->sequence};
}

util::Status write_state(const fs::path& dir, const TreeState& state, uint64_t sequence) {
  const std::string body = format_body(state);
  std::string slot = fmt::format("{}sequence {}\nsha256 {}\nlength {}\n{}", kSlotMagic, sequence,
                                 hash_hex(sha256(body)), body.size(), body);
  if (slot.size() > kStateSlotSize) {
    return util::make_error(util::ErrorCode::kInternal,
                            "state of {} bytes does not fit a {}-byte slot", slot.size(),
                            kStateSlotSize);
  }
  slot.resize(kStateSlotSize, '\0');

  const fs::path file = dir / kStateFileName;
  std::error_code ec;
  const bool created = !fs::exists(file, ec);
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("open", file);
  const off_t offset = static_cast<off_t>((sequence % 2) * kStateSlotSize);
  ssize_t written = ::pwrite(fd, slot.data(), slot.size(), offset);
  if (written != static_cast<ssize_t>(slot.size())) {
    util::Error error = io_error("write", file);
    ::close(fd);
    return error;
  }
  if (::fdatasync(fd) != 0) {
    util::Error error = io_error("fdatasync", file);
    ::close(fd);
    return error;
  }
  ::close(fd);

  if (created) {
    // The file's name must be durable too.
    int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) return io_error("open directory", dir);
    int rc = ::fsync(dir_fd);
    ::close(dir_fd);
    if (rc != 0) return io_error("fsync directory", dir);
  }
  return {};
}

}  // namespace trustpcf::tlog::detail
