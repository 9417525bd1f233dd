#pragma once

// The owner's commands' view of the node's transparency log: the running
// node's log over HTTPS when `trustpcf serve` holds it, else the log in
// <home>/log opened in this process (owner_access.hpp says how the node is
// found and how the owner authenticates).

#include <filesystem>
#include <memory>

#include "tlog/log_access.hpp"
#include "tlog/note.hpp"

namespace trustpcf::server {

// Per-request limits of the owner's calls to the running node. Appends
// wait for the node's fsyncs, which a loaded disk can stretch to seconds.
inline constexpr int kNodeConnectTimeoutSeconds = 5;
inline constexpr int kNodeReadTimeoutSeconds = 60;

// Opens the log of `home` whose key is `key`. When another process holds
// the log and serve.json names a live node, returns a client of that node;
// otherwise opens the log directly. Errors: those of tlog::Log::open;
// kStorage when the log is held by a process that is not a serving node;
// kNotFound without an admin token.
util::Result<std::unique_ptr<tlog::LogAccess>> open_owner_log(const std::filesystem::path& home,
                                                              tlog::NoteSigner key);

// The same, always through the node at https://<host>:<port> (for tests and
// for callers that know the node runs). Errors: kNotFound without node.json
// or admin token.
util::Result<std::unique_ptr<tlog::LogAccess>> connect_owner_log(const std::filesystem::path& home,
                                                                 const std::string& host, int port,
                                                                 const tlog::NoteVerifier& log_key);

}  // namespace trustpcf::server
