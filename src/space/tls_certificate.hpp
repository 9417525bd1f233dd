#pragma once

// Self-signed TLS certificates for development nodes, made with OpenSSL 3.

#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace trustpcf::space {

// Generates a P-256 key and a self-signed X.509 v3 certificate for
// `common_name` with `dns_names` and `ip_addresses` as subjectAltName,
// valid from now for `valid_days`. Writes the certificate (0644) and the
// PKCS#8 private key (0600) as PEM. Errors: kInternal naming the OpenSSL
// step; kStorage when a file cannot be written.
util::Status write_self_signed_certificate(const std::filesystem::path& certificate_path,
                                           const std::filesystem::path& private_key_path,
                                           const std::string& common_name,
                                           const std::vector<std::string>& dns_names,
                                           const std::vector<std::string>& ip_addresses,
                                           int valid_days);

}  // namespace trustpcf::space
