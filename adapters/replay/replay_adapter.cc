#include "adapters/replay/replay_adapter.h"

#include <set>

namespace toolshift {

ReplayAdapter::ReplayAdapter(const std::string& path) : path_(path), outputs_(ReadRecordedOutputs(path)) {
  for (size_t i = 0; i < outputs_.size(); ++i) {
    duplicates_ += !index_.emplace(std::make_pair(outputs_[i].suite, outputs_[i].id), i).second;
  }
}

size_t ReplayAdapter::Unmatched(const std::vector<Suite>& suites) const {
  std::set<std::pair<std::string, std::string>> known;  // (suite, id) and ("", id)
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      known.emplace(s.manifest.name, e.id);
      known.emplace("", e.id);
    }
  }
  size_t unmatched = 0;
  for (const auto& o : outputs_) unmatched += !known.count({o.suite, o.id});
  return unmatched;
}

ChatResponse ReplayAdapter::Complete(const ChatRequest& request) {
  ChatResponse none;
  if (!request.episode) {
    none.error = "replay: the request names no episode";
    return none;
  }
  auto it = index_.find({request.suite, request.episode->id});
  if (it == index_.end()) it = index_.find({"", request.episode->id});
  if (it == index_.end()) {
    none.error = "replay: no recorded output for episode '" + request.episode->id + "' in " + path_;
    return none;
  }
  const RecordedOutput& o = outputs_[it->second];
  if (!request.episode->multi || !o.response.ok()) return o.response;
  // A multi-step episode: the reply for this step, counted by the replies already in the conversation.
  size_t step = 0;
  for (const auto& m : request.messages) step += m.role == Role::kAssistant;
  if (step >= o.replies.size()) {
    none.error = "replay: the recorded trajectory of '" + request.episode->id + "' in " + path_ + " has only " +
                 std::to_string(o.replies.size()) + " replies";
    return none;
  }
  ChatResponse r;
  r.message = o.replies[step];
  return r;
}

}  // namespace toolshift
