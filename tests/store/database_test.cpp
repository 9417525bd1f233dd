#include "store/database.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace trustpcf::store {
namespace {

TEST(Database, TransactionRollsBackWithoutCommit) {
  testing::TempDir dir;
  auto db = Database::open(dir.path() / "t.sqlite");
  ASSERT_TRUE(db.ok()) << db.error().message();
  ASSERT_TRUE((*db)->exec("CREATE TABLE t (x INTEGER)").ok());
  {
    auto tx = Transaction::begin(**db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*db)->exec("INSERT INTO t VALUES (1)").ok());
  }
  auto count = (*db)->prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(count->step().value());
  EXPECT_EQ(count->column_int(0), 0);
}

TEST(Database, EnsureSchemaRunsOncePerVersion) {
  auto db = Database::open_in_memory();
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->ensure_schema("m", 1, "CREATE TABLE m1 (x INTEGER)").ok());
  // Running version 1 again must not re-run its SQL (which would fail).
  ASSERT_TRUE((*db)->ensure_schema("m", 1, "CREATE TABLE m1 (x INTEGER)").ok());
  ASSERT_TRUE((*db)->ensure_schema("m", 2, "CREATE TABLE m2 (x INTEGER)").ok());
}

TEST(Database, PreparedStatementBindsAndReads) {
  auto db = Database::open_in_memory();
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->exec("CREATE TABLE kv (k TEXT, v REAL)").ok());
  auto insert = (*db)->prepare("INSERT INTO kv VALUES (?, ?)");
  ASSERT_TRUE(insert.ok());
  insert->bind(1, std::string_view("a")).bind(2, 2.5);
  ASSERT_TRUE(insert->run().ok());

  auto select = (*db)->prepare("SELECT k, v FROM kv");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(select->step().value());
  EXPECT_EQ(select->column_text(0), "a");
  EXPECT_DOUBLE_EQ(select->column_double(1), 2.5);
  EXPECT_FALSE(select->step().value());
}

TEST(Database, BadSqlIsStorageError) {
  auto db = Database::open_in_memory();
  ASSERT_TRUE(db.ok());
  auto status = (*db)->exec("SELEC 1");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kStorage);
}

}  // namespace
}  // namespace trustpcf::store
