#include "sgw/model/reference_grant.h"

#include "sgw/model/json_fields.h"

namespace sgw::model {

bool ReferenceGrant::permits(const ReferenceGrantFrom& origin, const std::string& toGroup,
                             const std::string& toKind, const std::string& toName) const {
  bool fromAllowed = false;
  for (const auto& entry : from) {
    if (entry.group == origin.group && entry.kind == origin.kind &&
        entry.namespace_ == origin.namespace_) {
      fromAllowed = true;
      break;
    }
  }
  if (!fromAllowed) {
    return false;
  }
  for (const auto& entry : to) {
    if (entry.group == toGroup && entry.kind == toKind &&
        (!entry.name.has_value() || entry.name->empty() || *entry.name == toName)) {
      return true;
    }
  }
  return false;
}

ReferenceGrant parseReferenceGrant(JsonValue object, const std::string& defaultNamespace,
                                   FieldErrorList& errors) {
  ReferenceGrant grant;
  grant.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  const auto spec = root.nested("spec");
  if (const auto from = spec.array("from")) {
    for (std::size_t i = 0; i < from->size(); ++i) {
      const auto fields = spec.element("from", i, (*from)[i]);
      if (fields.expectObject()) {
        grant.from.push_back({fields.string("group").value_or(""),
                              fields.string("kind").value_or(""),
                              fields.string("namespace").value_or("")});
      }
    }
  }
  if (const auto to = spec.array("to")) {
    for (std::size_t i = 0; i < to->size(); ++i) {
      const auto fields = spec.element("to", i, (*to)[i]);
      if (fields.expectObject()) {
        grant.to.push_back({fields.string("group").value_or(""), fields.string("kind").value_or(""),
                            fields.string("name")});
      }
    }
  }
  return grant;
}

} // namespace sgw::model
