#pragma once

// The characterization tables of data/lcia, compiled into the library by
// characterization_embed.cmake. Both are UTF-8 CSV text with a header row.

#include <string_view>

namespace trustpcf::lca {

// data/lcia/gwp100.csv: one row per greenhouse gas with its AR5 and AR6
// GWP100 values and their sources.
std::string_view gwp100_table_csv();

// data/lcia/flow_mapping.csv: one row per elementary flow name and
// compartment, mapping it to a gas and origin or stating why it has no factor.
std::string_view flow_mapping_table_csv();

}  // namespace trustpcf::lca
