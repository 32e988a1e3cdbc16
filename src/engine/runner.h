// Runner: schedules every episode of the selected suites over an adapter and scores each
// reply.
//
// Remote adapters (Adapter::http()) run on an event loop: one libcurl multi thread keeps up
// to --concurrency requests in flight, the loop applies rate limits and retries with backoff
// (src/engine/retry_policy.h), and scoring runs on oneTBB. Local adapters (reference
// policies, replay, exec) are called from a oneTBB arena of --jobs workers, with the same
// retry policy. Failures that outlast the retries end as backend_error with their cause.
//
// A multi-step episode (src/engine/episode_loop.h) sends one request per model step, each
// built from the conversation so far; the cache holds each step's reply, the journal the
// finished episode's replies.
//
// Results come back in suite-then-episode order whatever the scheduling, and each episode
// gets a seed derived from (run seed, suite, episode id), so a run's scores do not depend
// on --jobs or --concurrency. With a journal, replies already journaled (a resumed run) are
// restored instead of requested, and new ones are journaled as they arrive.
#ifndef TOOLSHIFT_ENGINE_RUNNER_H_
#define TOOLSHIFT_ENGINE_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/suite.h"
#include "src/engine/progress.h"
#include "src/engine/retry_policy.h"
#include "src/engine/run_store.h"
#include "src/net/secrets.h"
#include "src/scoring/episode_scorer.h"
#include "src/scoring/trajectory.h"

namespace toolshift {

struct EpisodeRecord;

// Where a run hands its records as they finish (src/engine/record_stream.h), so that a long
// run holds only what the report counts: the episode log is written as the run goes.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Thread-safe, called once per record once it is scored, in any order: the text to keep
  // for it (its log line).
  virtual std::string Render(const EpisodeRecord& record) const = 0;
  // One call at a time, in plan order, with what Render gave; may note what the report will
  // need of the record's bulk (reply_facts), which is released when this returns.
  virtual void Accept(EpisodeRecord& record, std::string rendered) = 0;
};

struct RunOptions {
  int jobs = 0;          // worker threads for local adapters and scoring; 0 = one per core
  uint64_t seed = 0;
  size_t limit = 0;      // at most this many episodes per suite (first N); 0 = all
  Progress::Mode progress = Progress::Mode::kOff;
  int concurrency = 32;  // remote adapters: requests in flight
  double rpm = 0;        // remote adapters: requests per minute (0 = unlimited)
  double tpm = 0;        // remote adapters: tokens per minute, estimated from request size
  RetryPolicy retry;
  RunStore* journal = nullptr;  // resumable state; nullptr = none
  RunStore* cache = nullptr;    // response cache for cacheable adapters; nullptr = none
  // What the backend said about the model it serves (Adapter::ServedIdentity, dumped), mixed
  // into every cache key with the adapter's name: a changed model misses the cache.
  std::string cache_identity;
  int shard_index = 0;          // run only episodes whose position % shard_count == shard_index
  int shard_count = 1;
  int epochs = 1;               // independent samples of every episode, each with its own seed
  ReplyLimits limits;           // how much of a reply is read (--max-output-bytes, --max-calls)
  // Keys to remove from every reply and error as it arrives, before it is journaled,
  // cached, scored or logged (src/net/secrets.h); nullptr = URL patterns only.
  const Secrets* secrets = nullptr;
  // Non-zero (a signal number) asks the run to stop: nothing more is sent, replies already
  // in are journaled, the rest end as "interrupted" and nothing is scored. nullptr = never.
  const std::atomic<int>* stop = nullptr;
  // With a sink, records are scored as they finish and handed to it in plan order during the
  // run, then released to what the report counts (ReleaseBulk): RunSuites returns them scored
  // but without prompts, replies or trajectories. nullptr: records are returned whole.
  RecordSink* sink = nullptr;
  // Remote adapters: order requests so that episodes whose prompts open alike (same system
  // prompt and tools) go out back to back, and give them a prefix_key (src/adapters/adapter.h)
  // so a backend with several replicas sends them to the same one; within blocks of the plan,
  // so the order stays close to the plan's. Scores and the report do not depend on it.
  bool prefix_schedule = false;
  // Episodes with a simulated user (MultiStepTask::user): who plays it. nullptr = the scripted
  // user (src/engine/scripted_user.h), offline. Local models ask it from their workers; the
  // event loop of remote models never waits on it (a remote user's requests go through its
  // transport, a local user's to worker threads). User turns are journaled (mid-episode too)
  // and cached like replies, and not counted in RunStats.
  Adapter* user = nullptr;
};

// What the report's collapse diagnostics read from a reply, noted before the reply is
// released (src/report/collapse_diagnostics.h computes it).
struct ReplyFacts {
  bool role_leak = false;                       // the reply (any step) raised the role_leak signature
  std::optional<double> call_open_probability;  // from logprobs: P(opening a call) at the first token
  // From logprobs: the reply's control-token spikes, compactly ({max_end_in_call,
  // max_open_no_call, spikes: {kind: {n, example}}}; src/report/collapse_diagnostics.cc);
  // null without readable logprobs.
  Json token_spikes;
};

struct EpisodeRecord {
  const Suite* suite = nullptr;
  const Episode* episode = nullptr;
  uint64_t seed = 0;
  int epoch = 0;          // which of the --epochs samples of the episode this is
  std::vector<Message> prompt;
  // The reply; for a multi-step episode the last one, with token usage summed over all.
  ChatResponse response;
  std::vector<Message> replies;  // multi-step: every model reply in order (the episode's record)
  std::vector<Message> user_turns;  // a simulated user's messages, in order (MultiStepTask::user)
  // Recorded elsewhere (a BFCL multi-turn result file): the replies grouped per user turn as the
  // recording harness played them (turn_sizes[t] replies in turn t), replayed turn by turn
  // instead of letting the loop find the turns; `bfcl_text_result`: the recording was plain text.
  bool grouped = false;
  std::vector<size_t> turn_sizes;
  bool bfcl_text_result = false;
  std::shared_ptr<const Trajectory> trajectory;  // multi-step, once scored: what the replies did
  EpisodeVerdict verdict;
  double latency_ms = 0;  // multi-step: summed over the steps
  int attempts = 0;      // requests sent for this episode (0: restored or cached)
  bool from_cache = false;
  bool resumed = false;  // restored from the journal of an earlier attempt at this run
  bool scored = false;   // verdict (and trajectory) set by ScoreRecord
  std::optional<ReplyFacts> reply_facts;  // set by a RecordSink before the bulk is released
};

struct RunStats {
  size_t requests = 0;  // sent to the backend, retries included
  size_t retries = 0;
  size_t cache_hits = 0;
  size_t resumed = 0;
  bool interrupted = false;  // RunOptions::stop ended the run early: records are unscored
};

// The seed an episode is run with in `epoch` (epoch 0 keeps the seed runs without --epochs use).
uint64_t EpisodeSeed(uint64_t run_seed, const std::string& suite, const std::string& episode_id, int epoch = 0);

// The episodes a run with `options` covers (limit and shard applied; every epoch of an
// episode in the same shard), in suite-then-episode-then-epoch order, with their seeds;
// nothing run yet. `suites` must outlive the records.
std::vector<EpisodeRecord> PlanRecords(const std::vector<Suite>& suites, const RunOptions& options);

// Rebuilds each record's prompt (as the run sent it) and scores its response on oneTBB
// (`jobs` threads, 0 = one per core); failed responses become backend_error verdicts. A
// multi-step record is scored by replaying its replies through the episode loop. Records
// already scored are left as they are (a run scores some while waiting for its last replies).
void ScoreRecords(std::vector<EpisodeRecord>& records, int jobs, const ReplyLimits& limits = {});
// Scores one record the same way (used by re-scoring of recorded outputs). With `keep_prompt`
// false a multi-step record's prompt is not rebuilt and its replies are replayed for the verdict
// alone (EpisodeLoop's converse = false): `toolshift score`, which logs no prompts, passes false.
void ScoreRecord(EpisodeRecord& record, const ReplyLimits& limits = {}, bool keep_prompt = true);

// Runs and scores; `suites` must outlive the returned records. Interrupted (RunOptions::stop),
// it returns at once with the records unscored and stats->interrupted set.
std::vector<EpisodeRecord> RunSuites(const std::vector<Suite>& suites, Adapter& adapter, const RunOptions& options,
                                     RunStats* stats = nullptr);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RUNNER_H_
