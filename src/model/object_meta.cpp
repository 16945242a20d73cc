#include "sgw/model/object_meta.h"

#include "sgw/model/json_fields.h"

namespace sgw::model {

std::string ObjectKey::toString() const {
  return namespace_.empty() ? name : namespace_ + "/" + name;
}

std::optional<std::string> ObjectMeta::label(const std::string& key) const {
  const auto found = labels.find(key);
  return found == labels.end() ? std::nullopt : std::optional(found->second);
}

std::optional<std::string> ObjectMeta::annotation(const std::string& key) const {
  const auto found = annotations.find(key);
  return found == annotations.end() ? std::nullopt : std::optional(found->second);
}

ObjectMeta parseObjectMeta(JsonValue object, const std::string& defaultNamespace,
                           FieldErrorList& errors) {
  const JsonFields root(object, {}, errors);
  const auto fields = root.nested("metadata");
  ObjectMeta meta;
  meta.name = fields.string("name").value_or("");
  meta.namespace_ = fields.string("namespace").value_or("");
  if (meta.namespace_.empty()) {
    meta.namespace_ = defaultNamespace;
  }
  meta.uid = fields.string("uid").value_or("");
  meta.labels = fields.stringMap("labels");
  meta.annotations = fields.stringMap("annotations");
  if (const auto owners = fields.array("ownerReferences")) {
    for (std::size_t i = 0; i < owners->size(); ++i) {
      const auto owner = fields.element("ownerReferences", i, (*owners)[i]);
      if (!owner.expectObject()) {
        continue;
      }
      meta.ownerReferences.push_back(
          {owner.string("apiVersion").value_or(""), owner.string("kind").value_or(""),
           owner.string("name").value_or(""), owner.boolean("controller").value_or(false)});
    }
  }
  return meta;
}

} // namespace sgw::model
