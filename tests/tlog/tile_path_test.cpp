#include <gtest/gtest.h>

#include "tlog/tile_path.hpp"

namespace trustpcf::tlog {
namespace {

TEST(TilePath, EncodesIndexInThreeDigitGroups) {
  EXPECT_EQ(encode_tile_index(0), "000");
  EXPECT_EQ(encode_tile_index(234), "234");
  EXPECT_EQ(encode_tile_index(1234), "x001/234");
  EXPECT_EQ(encode_tile_index(1234067), "x001/x234/067");
  EXPECT_EQ(encode_tile_index(1000000), "x001/x000/000");
}

TEST(TilePath, FormatsFullAndPartialTiles) {
  EXPECT_EQ(tile_path({false, 0, 1234, 5}), "tile/0/x001/234.p/5");
  EXPECT_EQ(tile_path({false, 2, 7, kTileWidth}), "tile/2/007");
  EXPECT_EQ(tile_path({true, 0, 0, kTileWidth}), "tile/entries/000");
  EXPECT_EQ(tile_path({true, 0, 3, 17}), "tile/entries/003.p/17");
}

TEST(TilePath, ParsesWhatItFormats) {
  for (const TileId& tile : {TileId{false, 0, 1234, 5}, TileId{false, 63, 0, kTileWidth},
                             TileId{true, 0, 1234067, 255}, TileId{true, 0, 999, kTileWidth}}) {
    auto parsed = parse_tile_path(tile_path(tile));
    ASSERT_TRUE(parsed.ok()) << tile_path(tile);
    EXPECT_EQ(*parsed, tile);
  }
}

TEST(TilePath, RejectsNonCanonicalPaths) {
  for (const char* path :
       {"tile/0/1", "tile/00/000", "tile/64/000", "tile/0/x000/001", "tile/0/001.p/0",
        "tile/0/001.p/256", "tile/0/001.p/05", "tile/0/1234", "tile/0/x1/234", "tile/entries",
        "tiles/0/000", "tile/0/001/", "tile/-1/000", "tile/0/x001"}) {
    EXPECT_FALSE(parse_tile_path(path).ok()) << path;
  }
}

}  // namespace
}  // namespace trustpcf::tlog
