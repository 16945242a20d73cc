#include <catch2/catch.hpp>

#include "sgw/core/field_error.h"

using sgw::FieldError;
using sgw::FieldPath;

TEST_CASE("notes print the path and the detail only", "[core][field-error]") {
  const auto brokers = FieldPath::root("spec")
                           .child("kafka")
                           .child("listeners")
                           .index(0)
                           .child("configuration")
                           .child("brokers");
  const auto note = FieldError::note(brokers, "added 13 from template b-{nodeId}.example.com");
  CHECK(note.toString() == "spec.kafka.listeners[0].configuration.brokers: added 13 from template "
                           "b-{nodeId}.example.com");
  CHECK(note.body() == "added 13 from template b-{nodeId}.example.com");
  CHECK(sgw::aggregate({note, FieldError::required(FieldPath::root("spec"), "")}) ==
        "[spec.kafka.listeners[0].configuration.brokers: added 13 from template "
        "b-{nodeId}.example.com, spec: Required value]");
}
