// trustpcf keys: Ed25519 signing keys in the node's home. Only public parts
// are ever printed.

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"

namespace trustpcf::cli {
namespace {

nlohmann::json key_to_json(const crypto::StoredKeyInfo& key) {
  return {
      {"name", key.name},
      {"did", crypto::did_key_of(key.public_key)},
      {"verificationMethod", crypto::did_key_verification_method(key.public_key)},
      {"publicKeyMultibase", crypto::multikey_encode(key.public_key)},
      {"path", key.path.string()},
  };
}

util::Status new_key(Context& context, const std::string& name, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore store(home);
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StoredKeyInfo key, store.create(name));
  if (json) {
    std::cout << key_to_json(key).dump(2) << "\n";
  } else {
    std::cout << crypto::did_key_of(key.public_key) << "\n";
  }
  return util::Status();
}

util::Status list_keys(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore store(home);
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<crypto::StoredKeyInfo> keys, store.list());
  if (json) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& key : keys) array.push_back(key_to_json(key));
    std::cout << nlohmann::json{{"keys", array}}.dump(2) << "\n";
    return util::Status();
  }
  for (const auto& key : keys) {
    std::cout << key.name << "  " << crypto::did_key_of(key.public_key) << "\n";
  }
  return util::Status();
}

util::Status show_key(Context& context, const std::string& name, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore store(home);
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StoredKeyInfo key, store.info(name));
  nlohmann::json fields = key_to_json(key);
  if (json) {
    std::cout << fields.dump(2) << "\n";
    return util::Status();
  }
  for (const char* field : {"name", "did", "verificationMethod", "publicKeyMultibase", "path"}) {
    std::cout << field << ": " << fields[field].get<std::string>() << "\n";
  }
  return util::Status();
}

}  // namespace

void add_keys_commands(CLI::App& app, Context& context) {
  CLI::App* keys = app.add_subcommand("keys", "Create and show the node's Ed25519 signing keys");
  keys->require_subcommand(1);

  struct Options {
    std::string name;
    bool json = false;
  };
  auto options = std::make_shared<Options>();

  CLI::App* create = keys->add_subcommand(
      "new", "Generate a key, store it in <home>/keys/NAME.key (mode 0600) and print its did:key");
  create->add_option("NAME", options->name, "Key name: A-Z a-z 0-9 . _ -, at most 64 characters")
      ->required();
  create->add_flag("--json", options->json, "Print the key's public fields as JSON");
  create->callback(
      run(context, [&context, options] { return new_key(context, options->name, options->json); }));

  CLI::App* list = keys->add_subcommand("list", "List stored keys with their did:key");
  list->add_flag("--json", options->json, "Print {\"keys\": [...]} as JSON");
  list->callback(run(context, [&context, options] { return list_keys(context, options->json); }));

  CLI::App* show = keys->add_subcommand("show", "Show the public part of one stored key");
  show->add_option("NAME", options->name, "Key name")->required();
  show->add_flag("--json", options->json, "Print the key's public fields as JSON");
  show->callback(run(
      context, [&context, options] { return show_key(context, options->name, options->json); }));
}

}  // namespace trustpcf::cli
