#pragma once

// Resolution of --trust values, shared by `verify` and `request`.

#include <string>
#include <vector>

#include "cli/context.hpp"
#include "crypto/ed25519.hpp"

namespace trustpcf::cli {

// Resolves a --trust value: a did:key, a C2SP note verifier key
// (NAME+HASH+KEY) or the name of a key in this node's keystore. Errors:
// kInvalidInput for a malformed did:key or verifier key; kNotFound for an
// unknown key name.
util::Result<crypto::Ed25519PublicKey> trusted_key(Context& context, const std::string& value);

// Returns the Ed25519 key of a C2SP note verifier key (NAME+HASH+KEY), as
// `trustpcf log key` prints it. Errors: kInvalidInput.
util::Result<crypto::Ed25519PublicKey> log_verifier_public_key(const std::string& verifier_key);

// Resolves every value; an error names the --trust value at fault.
util::Result<std::vector<crypto::Ed25519PublicKey>> trusted_keys(Context& context,
                                                                 const std::vector<std::string>& values);

}  // namespace trustpcf::cli
