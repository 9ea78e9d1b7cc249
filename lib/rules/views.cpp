#include "rules/views.h"

namespace dondoc::rules {

const void* ViewCache::find(const std::type_info& type) const {
  for (const Node* n = head_.load(std::memory_order_acquire); n; n = n->next)
    if (*n->type == type) return n->view.get();
  return nullptr;
}

void ViewCache::publish(const std::type_info& type, std::shared_ptr<const void> view) const {
  // Called with mu_ held: only readers race with this, and they see the old or the new head.
  Node* n = new Node{&type, std::move(view), head_.load(std::memory_order_relaxed)};
  head_.store(n, std::memory_order_release);
}

void ViewCache::clear() noexcept {
  Node* n = head_.exchange(nullptr, std::memory_order_acq_rel);
  while (n) {
    Node* next = n->next;
    delete n;
    n = next;
  }
}

}  // namespace dondoc::rules
