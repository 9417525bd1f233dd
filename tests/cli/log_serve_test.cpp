// The log commands while `trustpcf serve` runs: the node is the log's only
// writer, so `log append`, `log checkpoint`, `publish` and `log witness` go
// through it over HTTPS on loopback. Nodes run as child processes.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/command.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

extern char** environ;

namespace trustpcf {
namespace {

using testing::run_trustpcf;
using testing::TempDir;

const std::string kSample = (std::filesystem::path(TRUSTPCF_SOURCE_DIR) / "data/sample/window-frame").string();
constexpr const char* kCompute =
    "footprint compute --process 'Window frame assembly' --company-id urn:lei:5493001KJTIIGC8Y1R12 "
    "--created 2026-01-15T08:00:00Z";
// Polls of serve.json while a node starts: 150 of 100 ms.
constexpr int kStartPolls = 150;

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// A `trustpcf serve` child process on an ephemeral loopback port.
class ServingNode {
 public:
  explicit ServingNode(const std::string& name) {
    auto init = run("init --name " + name + " --company-id urn:pact:company:" + name);
    EXPECT_EQ(init.exit_code, 0) << init.errors;
  }
  ~ServingNode() { stop(); }

  void start() {
    const std::string home_text = home().string();
    const std::string log_file = (home() / "serve.log").string();
    std::vector<std::string> arguments = {TRUSTPCF_BINARY, "--home", home_text, "serve", "--listen", "127.0.0.1:0"};
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_EQ(posix_spawn(&pid_, TRUSTPCF_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);

    for (int poll = 0; poll < kStartPolls; ++poll) {
      auto text = util::read_file(home() / "serve.json");
      if (text.ok()) {
        auto json = nlohmann::json::parse(*text, nullptr, false);
        if (!json.is_discarded() && json.value("pid", 0L) == pid_) {
          port_ = json.value("port", 0);
          return;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    auto log = util::read_file(log_file);
    FAIL() << "the node did not start: " << (log.ok() ? *log : std::string());
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  testing::CommandResult run(const std::string& arguments) const { return run_trustpcf(home(), arguments); }
  const std::filesystem::path& home() const { return dir_.path(); }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  std::string certificate() const { return (home() / "tls/certificate.pem").string(); }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

TEST(LogServe, AppendGoesThroughRunningNode) {
  ServingNode owner("owner");
  owner.start();
  write_text(owner.home() / "entry", "{\"disclosed\":1}");
  const std::string append = "log append '" + (owner.home() / "entry").string() + "'";

  auto first = owner.run(append);
  EXPECT_EQ(first.exit_code, 0) << first.errors;
  EXPECT_EQ(first.output, "0\n");
  EXPECT_EQ(owner.run(append).output, "1\n");
  auto checkpoint = owner.run("log checkpoint --json");
  ASSERT_EQ(checkpoint.exit_code, 0) << checkpoint.errors;
  EXPECT_EQ(nlohmann::json::parse(checkpoint.output).value("tree_size", 0), 2);

  // The entries are durable in the node's log once it stops.
  owner.stop();
  EXPECT_EQ(owner.run("log prove --index 1 --json").exit_code, 0);
}

TEST(LogServe, AuditPublishGoesThroughRunningNode) {
  ServingNode owner("owner");
  owner.start();
  // Without the running node as writer this fails on the log's lock (exit 7).
  auto published = owner.run("audit publish --json");
  ASSERT_EQ(published.exit_code, 0) << published.errors;
  EXPECT_TRUE(nlohmann::json::parse(published.output).contains("published"));
}

TEST(LogServe, LogWitnessStoresCosignature) {
  ServingNode owner("owner");
  ServingNode witness("witness");
  const std::string log_key = trimmed(owner.run("log key").output);
  ASSERT_EQ(witness.run("witness --name witness.test/w1 add '" + log_key + "'").exit_code, 0);
  const std::string witness_key = trimmed(witness.run("witness key").output);
  owner.start();
  witness.start();

  write_text(owner.home() / "entry", "entry");
  for (int i = 0; i < 3; ++i) ASSERT_EQ(owner.run("log append '" + (owner.home() / "entry").string() + "'").exit_code, 0);
  auto witnessed = owner.run("log witness --url " + witness.url() + "/witness --key '" + witness_key + "' --ca '" +
                             witness.certificate() + "'");
  ASSERT_EQ(witnessed.exit_code, 0) << witnessed.errors;

  auto checkpoint = owner.run("log checkpoint");
  EXPECT_NE(checkpoint.output.find("\n\xE2\x80\x94 witness.test/w1 "), std::string::npos) << checkpoint.output;
}

TEST(LogServe, PublishWithWitnessWhileServingVerifies) {
  ServingNode owner("owner");
  ServingNode witness("witness");
  ASSERT_EQ(owner.run("-q db import '" + kSample + "'").exit_code, 0);
  const std::string bundle = (owner.home() / "bundle.json").string();
  auto computed = owner.run(std::string(kCompute) + " --bundle '" + bundle + "'");
  ASSERT_EQ(computed.exit_code, 0) << computed.errors;
  const std::string log_key = trimmed(owner.run("log key").output);
  ASSERT_EQ(witness.run("witness add '" + log_key + "'").exit_code, 0);
  const std::string witness_key = trimmed(witness.run("witness key").output);
  owner.start();
  witness.start();

  auto published = owner.run("publish '" + bundle + "' --as node --witness " + witness.url() +
                             "/witness --witness-ca '" + witness.certificate() + "'");
  ASSERT_EQ(published.exit_code, 0) << published.output << published.errors;
  EXPECT_NE(published.output.find("cosigned by 1 witness\n"), std::string::npos) << published.output;

  const std::string verify = "verify '" + bundle + "' --trust '" + log_key + "'";
  auto witnessed = owner.run(verify + " --witness '" + witness_key + "' --witnesses-required 1");
  EXPECT_NE(witnessed.output.find("PASS  disclosure"), std::string::npos) << witnessed.output;

  // A witness key that did not cosign fails the disclosure link (exit 13).
  TempDir other;
  const std::string other_key = trimmed(run_trustpcf(other.path(), "witness key").output);
  auto unwitnessed = owner.run(verify + " --witness '" + other_key + "'");
  EXPECT_NE(unwitnessed.output.find("FAIL  disclosure"), std::string::npos) << unwitnessed.output;
}

}  // namespace
}  // namespace trustpcf
