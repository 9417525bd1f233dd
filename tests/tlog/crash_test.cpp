// Crash recovery. A child process appends from several threads and reports
// every acknowledged index and every checkpoint it saw. The parent kills it
// with SIGKILL at a random moment and reopens the log. Every acknowledged
// entry must be there with its bytes, and all checkpoints ever returned must
// be consistent with each other.

#include <csignal>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "tlog/log.hpp"
#include "tlog/proof_verify.hpp"

namespace trustpcf::tlog {
namespace {

namespace fs = std::filesystem;

// Rounds of append-and-kill; with the delays below the test takes a few
// seconds, well inside the suite's budget under AddressSanitizer.
constexpr int kCrashRounds = 30;
constexpr int kWriterThreads = 4;

void write_line(int fd, const std::string& line) {
  // One write per line keeps lines whole: pipe writes up to PIPE_BUF bytes
  // are atomic.
  std::string text = line + "\n";
  ssize_t ignored = ::write(fd, text.data(), text.size());
  (void)ignored;
}

// Runs in the child until it is killed.
[[noreturn]] void append_forever(const fs::path& dir, int round, int report_fd) {
  auto key = load_or_create_log_key(dir, "example.test/crash");
  if (!key.ok()) ::_exit(2);
  auto opened = Log::open(dir, *key);
  if (!opened.ok()) {
    write_line(report_fd, "E " + opened.error().message());
    ::_exit(3);
  }
  Log& log = **opened;

  std::vector<std::thread> writers;
  for (int w = 0; w < kWriterThreads; ++w) {
    writers.emplace_back([&log, round, w, report_fd] {
      for (uint64_t k = 0;; ++k) {
        const std::string entry = fmt::format("r{}-w{}-{}", round, w, k);
        auto index = log.append(entry);
        if (!index.ok()) {
          write_line(report_fd, "E " + index.error().message());
          ::_exit(4);
        }
        write_line(report_fd, fmt::format("A {} {}", *index, entry));
        SignedCheckpoint checkpoint = log.checkpoint();
        write_line(report_fd, "C " + encode_base64(checkpoint.note));
      }
    });
  }
  for (auto& writer : writers) writer.join();
  ::_exit(0);
}

std::string read_all(int fd) {
  std::string out;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

TEST(Crash, SigkillLosesNoAcknowledgedEntry) {
  testing::TempDir dir;
  std::mt19937 random(20261204);
  std::uniform_int_distribution<int> delay_ms(5, 80);

  std::map<uint64_t, std::string> acknowledged;
  std::map<uint64_t, Hash> checkpoint_roots;  // every checkpoint seen, by size
  uint64_t total_acknowledged = 0;

  for (int round = 0; round < kCrashRounds; ++round) {
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(pipe_fds[0]);
      append_forever(dir.path(), round, pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    ::kill(child, SIGKILL);
    std::string report = read_all(pipe_fds[0]);
    ::close(pipe_fds[0]);
    int wait_status = 0;
    ::waitpid(child, &wait_status, 0);
    ASSERT_TRUE(WIFSIGNALED(wait_status)) << "round " << round << " child exited: " << report;

    auto key = load_or_create_log_key(dir.path(), "example.test/crash");
    ASSERT_TRUE(key.ok());
    auto verifier = NoteVerifier::parse(key->verifier_key());
    ASSERT_TRUE(verifier.ok());

    // The last line may be cut by the kill; only whole lines count.
    std::istringstream lines(report);
    std::string line;
    while (std::getline(lines, line)) {
      if (lines.eof()) break;
      ASSERT_FALSE(line.starts_with("E ")) << "round " << round << ": " << line;
      if (line.starts_with("A ")) {
        std::istringstream fields(line.substr(2));
        uint64_t index = 0;
        std::string entry;
        fields >> index >> entry;
        ASSERT_EQ(acknowledged.count(index), 0u) << "index " << index << " acknowledged twice";
        acknowledged[index] = entry;
        ++total_acknowledged;
      } else if (line.starts_with("C ")) {
        auto note = decode_base64(line.substr(2), "checkpoint");
        ASSERT_TRUE(note.ok());
        auto opened = open_checkpoint(*note, *verifier);
        ASSERT_TRUE(opened.ok()) << opened.error().message();
        const Checkpoint& checkpoint = opened->checkpoint;
        auto [it, inserted] = checkpoint_roots.emplace(checkpoint.size, checkpoint.root);
        ASSERT_EQ(it->second, checkpoint.root)
            << "two checkpoints of size " << checkpoint.size << " with different roots";
      }
    }

    // Reopen after the crash and check everything ever acknowledged.
    auto log = Log::open(dir.path(), *key);
    ASSERT_TRUE(log.ok()) << "round " << round << ": " << log.error().message();
    const TreeState state = (*log)->state();
    for (const auto& [index, entry] : acknowledged) {
      ASSERT_LT(index, state.size) << "acknowledged index " << index << " lost in round " << round;
      auto stored = (*log)->read_entry(index);
      ASSERT_TRUE(stored.ok()) << stored.error().message();
      ASSERT_EQ(*stored, entry) << "index " << index;
    }

    // Every checkpoint is a prefix of the reopened tree, so every pair of
    // checkpoints is consistent; check the chain of them by proof.
    uint64_t previous_size = 0;
    Hash previous_root = empty_tree_root();
    for (const auto& [size, root] : checkpoint_roots) {
      ASSERT_LE(size, state.size) << "checkpoint of size " << size << " is beyond the log";
      auto proof = (*log)->prove_consistency(previous_size, size);
      ASSERT_TRUE(proof.ok()) << proof.error().message();
      util::Status status =
          verify_consistency(previous_size, size, proof->hashes, previous_root, root);
      ASSERT_TRUE(status.ok()) << previous_size << " -> " << size << ": "
                               << status.error().message();
      previous_size = size;
      previous_root = root;
    }
    auto to_current = (*log)->prove_consistency(previous_size, state.size);
    ASSERT_TRUE(to_current.ok());
    ASSERT_TRUE(verify_consistency(previous_size, state.size, to_current->hashes, previous_root,
                                   state.root)
                    .ok());
  }

  // The test is void if the child never got to acknowledge anything.
  EXPECT_GT(total_acknowledged, static_cast<uint64_t>(kCrashRounds));
  RecordProperty("acknowledged", std::to_string(total_acknowledged));
}

}  // namespace
}  // namespace trustpcf::tlog
