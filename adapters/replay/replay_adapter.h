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
#include "src/core/suite.h"

namespace toolshift {

class ReplayAdapter : public Adapter {
 public:
  bool journaled() const override { return false; }
  // Reads `path` at once; throws InputError for a missing or malformed file.
  explicit ReplayAdapter(const std::string& path);

  std::string name() const override { return "replay:" + path_; }
  ChatResponse Complete(const ChatRequest& request) override;

  const std::string& path() const { return path_; }
  // Lines that repeat an earlier line's (suite, id): never replayed (`score` scores every one).
  size_t duplicates() const { return duplicates_; }
  // Lines naming no episode of `suites` (by suite and id, or by id alone when the line names no
  // suite): a recording of something else, or ids that were renamed.
  size_t Unmatched(const std::vector<Suite>& suites) const;

 private:
  std::string path_;
  std::vector<RecordedOutput> outputs_;
  std::map<std::pair<std::string, std::string>, size_t> index_;  // (suite or "", id) -> first line
  size_t duplicates_ = 0;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REPLAY_REPLAY_ADAPTER_H_
