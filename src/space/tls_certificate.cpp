#include "space/tls_certificate.hpp"

#include <memory>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "util/files.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

util::Error openssl_error(const char* step) {
  unsigned long code = ERR_get_error();
  char reason[256] = "no OpenSSL error queued";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  return make_error(ErrorCode::kInternal, "creating the TLS certificate failed at {}: {}", step,
                    reason);
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

util::Status write_self_signed_certificate(const std::filesystem::path& certificate_path,
                                           const std::filesystem::path& private_key_path,
                                           const std::string& common_name,
                                           const std::vector<std::string>& dns_names,
                                           const std::vector<std::string>& ip_addresses,
                                           int valid_days) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  if (!key) return openssl_error("EVP_EC_gen");

  std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), X509_free);
  if (!certificate) return openssl_error("X509_new");
  X509_set_version(certificate.get(), 2);  // X.509 v3

  // A random 159-bit serial, as RFC 5280 allows up to 20 octets.
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
  if (!serial || !BN_rand(serial.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get()))) {
    return openssl_error("serial number");
  }
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 60L * 60 * 24 * valid_days);
  X509_set_pubkey(certificate.get(), key.get());

  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(certificate.get(), name);

  std::string alt_names;
  for (const std::string& dns : dns_names) alt_names += (alt_names.empty() ? "" : ",") + ("DNS:" + dns);
  for (const std::string& ip : ip_addresses) alt_names += (alt_names.empty() ? "" : ",") + ("IP:" + ip);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
  const std::pair<int, std::string> extensions[] = {
      {NID_subject_alt_name, alt_names},
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, "serverAuth,clientAuth"},
  };
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    if (extension == nullptr) return openssl_error("X509V3_EXT_conf_nid");
    X509_add_ext(certificate.get(), extension, -1);
    X509_EXTENSION_free(extension);
  }
  if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) return openssl_error("X509_sign");

  std::unique_ptr<BIO, decltype(&BIO_free)> key_pem(BIO_new(BIO_s_mem()), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> certificate_pem(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
    return openssl_error("PEM_write_bio_PrivateKey");
  }
  if (!PEM_write_bio_X509(certificate_pem.get(), certificate.get())) {
    return openssl_error("PEM_write_bio_X509");
  }

  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(private_key_path.parent_path(), 0700));
  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(private_key_path, bio_text(key_pem.get()), 0600));
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(certificate_path.parent_path(), 0700));
  return util::write_file_atomic(certificate_path, bio_text(certificate_pem.get()), 0644);
}

}  // namespace trustpcf::space
