// The event form of the buyer's request over HTTPS on loopback: the buyer
// sends a RequestCreatedEvent to a supplier node, and the supplier's response
// arrives at the buyer's own node, both started by the test.

#include <gtest/gtest.h>

#include "space/supplier_event_request.hpp"
#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kProduct = "urn:gtin:5695872369587";  // productIds of PACT example 1
constexpr auto kResponseTimeout = std::chrono::seconds(20);

class SupplierEventRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(examples, "pact/v3/examples");
    ASSERT_TRUE(space::import_footprints(supplier_.db(), {read_example(examples, "example-1.json")}, {.own = true}).ok());

    // The buyer issues credentials to the supplier, so that the supplier
    // can deliver its response to the buyer's /3/events.
    supplier_at_buyer_ = space::add_partner(buyer_.db(), "supplier", "https://127.0.0.1:1").value();
    buyer_.start();
    buyer_at_supplier_ = space::add_partner(supplier_.db(), "buyer", buyer_.url(), supplier_at_buyer_.partner.client_id,
                                            supplier_at_buyer_.client_secret)
                             .value();
    supplier_.trust(buyer_);
  }

  void grant_product() {
    space::PolicyGrant grant;
    grant.partner = "buyer";
    grant.scope = space::PolicyScope::kProduct;
    grant.value = kProduct;
    grant.purpose = "PCF calculation";
    ASSERT_TRUE(space::grant_policy(supplier_.db(), grant).ok());
  }

  space::SupplierRequest request() const {
    space::SupplierRequest request;
    request.base_url = supplier_.url();
    request.credentials = {buyer_at_supplier_.partner.client_id, buyer_at_supplier_.client_secret};
    request.ca_file = supplier_.certificate();
    request.product_id = kProduct;
    request.accept_unverified = true;
    return request;
  }

  space::EventRequestOptions options() const {
    space::EventRequestOptions options;
    options.callback_url = buyer_.url();
    options.timeout = kResponseTimeout;
    return options;
  }

  TestNode buyer_{"buyer"};
  TestNode supplier_{"supplier"};
  space::NewPartner supplier_at_buyer_;
  space::NewPartner buyer_at_supplier_;
};

TEST_F(SupplierEventRequestTest, FulfilledResponseIsImported) {
  grant_product();
  supplier_.start();

  auto response = space::request_supplier_footprints_by_event(buyer_.db(), request(), options());
  ASSERT_TRUE(response.ok()) << response.error().message();
  ASSERT_EQ(response->footprints.size(), 1u);
  EXPECT_EQ(response->footprints[0].outcome, space::ReceivedOutcome::kImportedUnverified);
  EXPECT_TRUE(space::get_footprint(buyer_.db(), "12345678-9abc-def0-1234-567812345678").value().has_value());
}

TEST_F(SupplierEventRequestTest, NotFoundResponseGivesNoFootprints) {
  supplier_.start();

  auto response = space::request_supplier_footprints_by_event(buyer_.db(), request(), options());
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_TRUE(response->footprints.empty());
}

TEST_F(SupplierEventRequestTest, UnregisteredCallbackIsRejected) {
  grant_product();
  supplier_.start();

  space::EventRequestOptions elsewhere = options();
  elsewhere.callback_url = "https://127.0.0.1:1";
  auto response = space::request_supplier_footprints_by_event(buyer_.db(), request(), elsewhere);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), util::ErrorCode::kNetwork) << response.error().message();
}

}  // namespace
}  // namespace trustpcf::testing
