#pragma once

// The event form of `trustpcf request` (`--async`): this node sends a PACT
// v3 RequestCreatedEvent to the supplier's /3/events and waits for the
// supplier's RequestFulfilledEvent or RequestRejectedEvent, which arrives at
// this node's own /3/events while `trustpcf serve` runs. The footprints it
// carries are then verified and stored as supplier_request.hpp describes.

#include <chrono>
#include <functional>
#include <string>

#include "space/supplier_request.hpp"

namespace trustpcf::space {

// How long to wait for the response by default. A supplier responds at once,
// but a failed delivery is retried after 1 s, 2 s, 4 s and so on (the
// outbox's default backoff), so one minute covers the first five retries.
inline constexpr std::chrono::seconds kDefaultResponseTimeout{60};
// How often the store is checked for the response.
inline constexpr std::chrono::milliseconds kResponsePollInterval{200};

struct EventRequestOptions {
  // This node's base URL as the supplier registered it for this node
  // (`partner add --url` on the supplier's side), https://host[:port].
  std::string callback_url;
  std::chrono::seconds timeout = kDefaultResponseTimeout;
  // Called about once a second while waiting, with the time waited.
  std::function<void(std::chrono::seconds)> progress;
};

// Sends the request event for `request.product_id` and waits for the
// response in `db` (this node's store, where its server records received
// events). A fulfilled response is handled as request_supplier_footprints
// handles a list, and a rejected one with code NotFound gives no
// footprints. Errors: kInvalidInput for a malformed product id or callback
// URL; the errors of post_event (kDenied, kNetwork); kDenied for another
// rejection code; kNetwork when no response came within the timeout;
// kStorage.
util::Result<SupplierResponse> request_supplier_footprints_by_event(store::Database& db,
                                                                    const SupplierRequest& request,
                                                                    const EventRequestOptions& options);

}  // namespace trustpcf::space
