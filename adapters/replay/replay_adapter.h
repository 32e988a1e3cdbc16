// replay:FILE — answers each episode with an output recorded in FILE (recorded_outputs.h),
// so runs can be re-scored, and CI can gate, without a model.
//
// Lookup is by (suite, episode id), then by id alone for lines that name no suite. When
// several lines match, the first is replayed (`toolshift score` scores every one). An
// episode with no recorded output comes back as a backend error — a gap in the recording,
// not a model failure. The adapter reads only ChatRequest::episode->id, never the answer.
#ifndef TOOLSHIFT_ADAPTERS_REPLAY_REPLAY_ADAPTER_H_
#define TOOLSHIFT_ADAPTERS_REPLAY_REPLAY_ADAPTER_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "adapters/adapter.h"
#include "adapters/replay/recorded_outputs.h"

namespace toolshift {

class ReplayAdapter : public Adapter {
 public:
  bool journaled() const override { return false; }
  // Reads `path` at once; throws InputError for a missing or malformed file.
  explicit ReplayAdapter(const std::string& path);

  std::string name() const override { return "replay:" + path_; }
  ChatResponse Complete(const ChatRequest& request) override;

 private:
  std::string path_;
  std::vector<RecordedOutput> outputs_;
  std::map<std::pair<std::string, std::string>, size_t> index_;  // (suite or "", id) -> first line
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REPLAY_REPLAY_ADAPTER_H_
