#include <catch2/catch.hpp>

#include "sgw/core/field_error.h"

using sgw::FieldError;
using sgw::FieldPath;

TEST_CASE("field errors print like apimachinery", "[core][field-error]") {
  const auto brokers = FieldPath::root("spec")
                           .child("kafka")
                           .child("listeners")
                           .index(0)
                           .child("configuration")
                           .child("brokers");
  CHECK(FieldError::invalid(brokers.index(3).child("broker"), 13, "not a broker").toString() ==
        "spec.kafka.listeners[0].configuration.brokers[3].broker: Invalid value: 13: not a broker");
  CHECK(FieldError::notFound(FieldPath::root("spec")
                                 .child("rules")
                                 .index(0)
                                 .child("backendRefs")
                                 .index(1)
                                 .child("name"),
                             "svc")
            .toString() == "spec.rules[0].backendRefs[1].name: Not found: \"svc\"");
  CHECK(FieldError::required(FieldPath::root("metadata").child("name"), "").toString() ==
        "metadata.name: Required value");
  CHECK(FieldError::forbidden(FieldPath::root("spec").child("x"), "not allowed here").toString() ==
        "spec.x: Forbidden: not allowed here");
  CHECK(FieldError::duplicate(FieldPath::root("spec").child("hostnames").index(2), "a.example.com")
            .toString() == "spec.hostnames[2]: Duplicate value: \"a.example.com\"");
  CHECK(FieldError::invalid(
            FieldPath::root("metadata").child("annotations").key("strimzi.io/next-node-ids"), "[1-",
            "bad")
            .toString() ==
        "metadata.annotations[strimzi.io/next-node-ids]: Invalid value: \"[1-\": bad");
}

TEST_CASE("strings are quoted the way Go's %q quotes them", "[core][field-error]") {
  CHECK(sgw::goQuote("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\x01\"");
}

TEST_CASE("several errors aggregate into brackets, duplicates once", "[core][field-error]") {
  const auto a = FieldError::required(FieldPath::root("spec").child("a"), "");
  const auto b = FieldError::invalid(FieldPath::root("spec").child("b"), "x", "bad");
  CHECK(sgw::aggregate({a}) == "spec.a: Required value");
  CHECK(sgw::aggregate({a, b, a}) == "[spec.a: Required value, spec.b: Invalid value: \"x\": bad]");
  CHECK(sgw::aggregate({a, a}) == "spec.a: Required value");
}
