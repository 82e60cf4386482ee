#include "serve/response_cache.hpp"

namespace pco {

namespace {

std::size_t cost(const std::string& key, const ApiResponse& r) {
  return key.size() + r.body.size() + r.content_type.size();
}

}  // namespace

const ApiResponse* ResponseCache::find(const std::string& key) {
  const auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &it->second->second;
}

void ResponseCache::put(const std::string& key, const ApiResponse& response) {
  if (const auto it = index_.find(key); it != index_.end()) {
    bytes_ -= cost(key, it->second->second);
    order_.erase(it->second);
    index_.erase(it);
  }
  const auto size = cost(key, response);
  if (size > max_bytes_ || max_entries_ == 0) return;
  while (!order_.empty() && (bytes_ + size > max_bytes_ || index_.size() >= max_entries_)) {
    const auto& last = order_.back();
    bytes_ -= cost(last.first, last.second);
    index_.erase(last.first);
    order_.pop_back();
  }
  order_.emplace_front(key, response);
  index_[key] = order_.begin();
  bytes_ += size;
}

}  // namespace pco
