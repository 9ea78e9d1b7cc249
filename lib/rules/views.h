#pragma once
// Views: the compiled forms later stages build from a Rules value's tables (header phrases,
// deadline triggers, the unit lexicon, phrase tables of citations, OCR confusions), each built
// once per Rules value, the first time it is asked for, and owned by that value: two rule sets
// in one process each have their own, and a view lives exactly as long as its Rules.
//
// Safe to use from many threads at once: a view that exists is found without a lock (a list of
// a handful of entries, published with release/acquire); building one takes the cache's lock, so
// each view is built once. A builder may ask for another view of the same Rules.
//
// Copies and moves of a Rules start with no views: a view may refer to the Rules it was built
// from (UnitLexicon does), and a copy's tables may be changed before it is used.
#include <atomic>
#include <memory>
#include <mutex>
#include <typeinfo>

namespace dondoc::rules {

class ViewCache {
 public:
  ViewCache() = default;
  ViewCache(const ViewCache&) noexcept {}
  ViewCache(ViewCache&&) noexcept {}
  ViewCache& operator=(const ViewCache&) noexcept {
    clear();
    return *this;
  }
  ViewCache& operator=(ViewCache&&) noexcept {
    clear();
    return *this;
  }
  ~ViewCache() { clear(); }

  // The view of type V; built by `build()` (returning a V) the first time.
  template <typename V, typename Build>
  const V& get(Build&& build) const {
    if (const void* v = find(typeid(V))) return *static_cast<const V*>(v);
    std::lock_guard<std::recursive_mutex> lock(mu_);
    if (const void* v = find(typeid(V))) return *static_cast<const V*>(v);
    std::shared_ptr<const V> made = std::make_shared<const V>(build());
    const V& ref = *made;
    publish(typeid(V), std::move(made));
    return ref;
  }

 private:
  struct Node {
    const std::type_info* type;
    std::shared_ptr<const void> view;
    Node* next;
  };
  const void* find(const std::type_info& type) const;
  void publish(const std::type_info& type, std::shared_ptr<const void> view) const;
  void clear() noexcept;

  mutable std::atomic<Node*> head_{nullptr};
  mutable std::recursive_mutex mu_;
};

}  // namespace dondoc::rules
