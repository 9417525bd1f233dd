#include "crypto/status_list.hpp"

#include <zlib.h>

#include <new>
#include <optional>

#include "crypto/jwt.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

// Size of each output step while inflating, in bytes.
constexpr std::size_t kInflateChunk = 64 * 1024;

util::Status check_bits(int bits) {
  if (bits == 1 || bits == 2 || bits == 4 || bits == 8) return util::Status();
  return make_error(ErrorCode::kInvalidInput, "invalid status list bits {}: use 1, 2, 4 or 8", bits);
}

Bytes zlib_compress(const Bytes& input) {
  uLongf size = compressBound(static_cast<uLong>(input.size()));
  Bytes output(size);
  // compress2 fails only for lack of memory (Z_MEM_ERROR) or a bad level.
  int rc = compress2(output.data(), &size, input.data(), static_cast<uLong>(input.size()),
            Z_BEST_COMPRESSION);
  if (rc != Z_OK) throw std::bad_alloc();
  output.resize(size);
  return output;
}

// Inflates `input`, the whole of it by default. With `prefix` set, it stops
// once that many bytes are out, and a list that ends sooner comes back whole.
util::Result<Bytes> zlib_decompress(const Bytes& input, std::optional<std::size_t> prefix = std::nullopt) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    return util::Error(ErrorCode::kInternal, "zlib inflateInit failed");
  }
  stream.next_in = const_cast<Bytef*>(input.data());
  stream.avail_in = static_cast<uInt>(input.size());

  const std::size_t limit = prefix ? std::min(*prefix, kMaxStatusListBytes) : kMaxStatusListBytes + 1;
  Bytes output;
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (output.size() >= limit) break;
    std::size_t offset = output.size();
    output.resize(std::min(offset + kInflateChunk, limit));
    stream.next_out = output.data() + offset;
    stream.avail_out = static_cast<uInt>(output.size() - offset);
    rc = inflate(&stream, Z_NO_FLUSH);
    output.resize(output.size() - stream.avail_out);
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;  // truncated input
  }
  inflateEnd(&stream);

  if (prefix && output.size() >= limit && (rc == Z_OK || rc == Z_STREAM_END)) return output;
  if (output.size() > kMaxStatusListBytes) {
    return make_error(ErrorCode::kInvalidInput,
                      "status list \"lst\" inflates to more than {} bytes", kMaxStatusListBytes);
  }
  if (rc != Z_STREAM_END) {
    return make_error(ErrorCode::kInvalidInput,
                      "status list \"lst\" is not complete zlib (DEFLATE) data: {}",
                      stream.msg ? stream.msg : "truncated");
  }
  return output;
}

// "bits" and the compressed bytes of "lst", before either is interpreted.
struct EncodedList {
  int bits = 0;
  Bytes compressed;
};

util::Result<EncodedList> read_encoded(const json& object) {
  if (!object.is_object() || !object.contains("bits") || !object["bits"].is_number_integer()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid status list: \"bits\" must be the integer 1, 2, 4 or 8");
  }
  if (!object.contains("lst") || !object["lst"].is_string()) {
    return util::Error(ErrorCode::kInvalidInput, "invalid status list: \"lst\" must be a string");
  }
  auto compressed = base64url_decode(object["lst"].get_ref<const std::string&>());
  if (!compressed.ok()) return compressed.error().with_context("invalid status list \"lst\"");
  return EncodedList{object["bits"].get<int>(), std::move(compressed).value()};
}

}  // namespace

util::Result<StatusList> StatusList::create(int bits, std::size_t size) {
  TRUSTPCF_RETURN_IF_ERROR(check_bits(bits));
  std::size_t bytes = (size * static_cast<std::size_t>(bits) + 7) / 8;
  return from_bytes(bits, Bytes(bytes, 0));
}

util::Result<StatusList> StatusList::from_bytes(int bits, Bytes bytes) {
  TRUSTPCF_RETURN_IF_ERROR(check_bits(bits));
  if (bytes.size() > kMaxStatusListBytes) {
    return make_error(ErrorCode::kInvalidInput, "status list of {} bytes exceeds the maximum {}",
                      bytes.size(), kMaxStatusListBytes);
  }
  return StatusList(bits, std::move(bytes));
}

util::Result<std::uint8_t> StatusList::get(std::size_t index) const {
  if (index >= size()) {
    return make_error(ErrorCode::kInvalidInput,
                      "status list index {} is past the end of the list ({} entries)", index,
                      size());
  }
  std::size_t bit = index * static_cast<std::size_t>(bits_);
  unsigned mask = (1U << bits_) - 1;
  return static_cast<std::uint8_t>((bytes_[bit / 8] >> (bit % 8)) & mask);
}

util::Status StatusList::set(std::size_t index, std::uint8_t value) {
  if (index >= size()) {
    return make_error(ErrorCode::kInvalidInput,
                      "status list index {} is past the end of the list ({} entries)", index,
                      size());
  }
  unsigned mask = (1U << bits_) - 1;
  if (value > mask) {
    return make_error(ErrorCode::kInvalidInput, "status value {} does not fit in {} bits", value,
                      bits_);
  }
  std::size_t bit = index * static_cast<std::size_t>(bits_);
  std::uint8_t& byte = bytes_[bit / 8];
  byte = static_cast<std::uint8_t>((byte & ~(mask << (bit % 8))) | (value << (bit % 8)));
  return util::Status();
}

json StatusList::to_json() const {
  return {{"bits", bits_}, {"lst", base64url_encode(zlib_compress(bytes_))}};
}

util::Result<StatusList> StatusList::from_json(const json& object) {
  TRUSTPCF_ASSIGN_OR_RETURN(EncodedList encoded, read_encoded(object));
  TRUSTPCF_ASSIGN_OR_RETURN(Bytes bytes, zlib_decompress(encoded.compressed));
  return from_bytes(encoded.bits, std::move(bytes));
}

util::Result<std::uint8_t> StatusList::read_entry(const json& object, std::size_t index) {
  TRUSTPCF_ASSIGN_OR_RETURN(EncodedList encoded, read_encoded(object));
  TRUSTPCF_RETURN_IF_ERROR(check_bits(encoded.bits));
  const std::size_t bit = index * static_cast<std::size_t>(encoded.bits);
  if (index > kMaxStatusListBytes * 8 || bit / 8 >= kMaxStatusListBytes) {
    return make_error(ErrorCode::kInvalidInput, "status list index {} is past the largest list of {} bytes", index,
                      kMaxStatusListBytes);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(Bytes prefix, zlib_decompress(encoded.compressed, bit / 8 + 1));
  if (bit / 8 >= prefix.size()) {
    return make_error(ErrorCode::kInvalidInput, "status list index {} is past the end of the list ({} entries)",
                      index, prefix.size() * 8 / static_cast<std::size_t>(encoded.bits));
  }
  const unsigned mask = (1U << encoded.bits) - 1;
  return static_cast<std::uint8_t>((prefix[bit / 8] >> (bit % 8)) & mask);
}

std::string sign_status_list_token(const StatusListToken& token, const Ed25519KeyPair& key,
                                   const std::string& kid) {
  json header = {{"typ", kStatusListJwtType}};
  if (!kid.empty()) header["kid"] = kid;
  json claims = {
      {"sub", token.subject},
      {"iat", std::chrono::duration_cast<std::chrono::seconds>(token.issued_at.time_since_epoch())
                  .count()},
      {"status_list", token.list.to_json()},
  };
  if (token.expires_at) {
    claims["exp"] =
        std::chrono::duration_cast<std::chrono::seconds>(token.expires_at->time_since_epoch())
            .count();
  }
  if (token.ttl) claims["ttl"] = token.ttl->count();
  return sign_jwt(header, claims, key);
}

util::Result<StatusListToken> status_list_token_from_claims(const json& claims) {
  const auto missing = [](const char* claim, const char* kind) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid status list token: claim \"{}\" must be {}", claim, kind);
  };
  if (!claims.contains("sub") || !claims["sub"].is_string()) return missing("sub", "a string");
  if (!claims.contains("iat") || !claims["iat"].is_number_integer()) {
    return missing("iat", "an integer (seconds since 1970)");
  }
  if (!claims.contains("status_list")) return missing("status_list", "an object");
  TRUSTPCF_ASSIGN_OR_RETURN(StatusList list, StatusList::from_json(claims["status_list"]));

  StatusListToken token{
      claims["sub"].get<std::string>(),
      util::Clock::time_point(std::chrono::seconds(claims["iat"].get<std::int64_t>())),
      std::nullopt, std::nullopt, std::move(list)};
  if (claims.contains("exp")) {
    if (!claims["exp"].is_number_integer())
      return missing("exp", "an integer (seconds since 1970)");
    token.expires_at =
        util::Clock::time_point(std::chrono::seconds(claims["exp"].get<std::int64_t>()));
  }
  if (claims.contains("ttl")) {
    if (!claims["ttl"].is_number_unsigned()) return missing("ttl", "a positive integer of seconds");
    token.ttl = std::chrono::seconds(claims["ttl"].get<std::int64_t>());
  }
  return token;
}

util::Result<StatusListToken> verify_status_list_token(std::string_view jwt,
                                                       const Ed25519PublicKey& key) {
  TRUSTPCF_ASSIGN_OR_RETURN(DecodedJwt decoded, verify_jwt(jwt, key));
  if (decoded.header.value("typ", "") != kStatusListJwtType) {
    return make_error(ErrorCode::kVerification, "status list token header \"typ\" must be \"{}\"",
                      kStatusListJwtType);
  }
  return status_list_token_from_claims(decoded.payload);
}

}  // namespace trustpcf::crypto
