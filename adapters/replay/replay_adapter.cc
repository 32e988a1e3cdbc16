#include "adapters/replay/replay_adapter.h"

namespace toolshift {

ReplayAdapter::ReplayAdapter(const std::string& path) : path_(path), outputs_(ReadRecordedOutputs(path)) {
  for (size_t i = 0; i < outputs_.size(); ++i) index_.emplace(std::make_pair(outputs_[i].suite, outputs_[i].id), i);
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
  return outputs_[it->second].response;
}

}  // namespace toolshift
