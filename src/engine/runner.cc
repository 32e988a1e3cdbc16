#include "src/engine/runner.h"

#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <algorithm>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>


#include "adapters/http/http_codec.h"
#include "src/core/parallel_for.h"
#include "src/dialects/native_dialect.h"
#include "src/dialects/prompt_builder.h"
#include "src/engine/episode_loop.h"
#include "src/engine/prompt_memo.h"
#include "src/engine/record_stream.h"
#include "src/engine/scripted_user.h"
#include "src/net/http_transport.h"
#include "src/engine/rate_limiter.h"
#include "src/scoring/statistics.h"
#include "src/scoring/trajectory_scorer.h"

namespace toolshift {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

bool Stopped(const RunOptions& options) { return options.stop && options.stop->load() != 0; }

constexpr const char* kInterrupted = "interrupted before an answer (toolshift was stopped by a signal)";

// Every string in `root` redacted, walked without recursion (arguments may nest deep).
void RedactStrings(Json& root, const Secrets& secrets) {
  std::vector<Json*> stack = {&root};
  while (!stack.empty()) {
    Json* j = stack.back();
    stack.pop_back();
    if (j->is_string()) {
      secrets.RedactInPlace(j->get_ref<std::string&>());
    } else if (j->is_structured()) {
      for (auto& child : *j) stack.push_back(&child);
    }
  }
}

// The boundary where backend text enters toolshift: known keys leave a reply and its
// error here, so the journal, the cache, the verdicts, the log and the report never see
// them (a server may echo the Authorization header into an error body, a runner its
// environment into a reply).
void Clean(ChatResponse& r, const RunOptions& options) {
  static const Secrets kNone;
  const Secrets& s = options.secrets ? *options.secrets : kNone;
  if (!r.error.empty()) r.error = s.RedactMessage(r.error);
  if (s.empty()) return;
  s.RedactInPlace(r.message.content);
  for (auto& c : r.message.tool_calls) {
    s.RedactInPlace(c.name);
    s.RedactInPlace(c.id);
    RedactStrings(c.arguments, s);
  }
  if (!r.logprobs.is_null()) RedactStrings(r.logprobs, s);
}

// The request for a record's next model step: the prompt, or for a multi-step episode the
// conversation its loop has reached. With a memo, the prompt's system turn comes from it.
// With a codec (remote backends), a single-step prompt is moved into the request, not copied
// (the caller moves it back into r.prompt once encoded), and tools the codec would not send
// are not copied in either.
ChatRequest RequestFor(EpisodeRecord& r, const EpisodeLoop* loop, PromptMemo* memo = nullptr,
                       const HttpCodec* codec = nullptr) {
  const Episode& ep = *r.episode;
  if (loop) {
    if (r.prompt.empty()) r.prompt = loop->prompt();
    return ChatRequest{loop->conversation(), loop->tools(), ep.dialect, r.seed, r.suite->manifest.name, &ep};
  }
  const std::unique_ptr<Dialect> dialect = MakeDialect(ep.dialect, ep.presentation);  // validated at load
  r.prompt = memo ? memo->Build(ep, *dialect) : BuildPrompt(ep, *dialect);
  if (!codec) return ChatRequest{r.prompt, ToolsForNativeRequest(ep, ep.tools), ep.dialect, r.seed, r.suite->manifest.name, &ep};
  ChatRequest request{std::move(r.prompt), {}, ep.dialect, r.seed, r.suite->manifest.name, &ep};
  if (codec->SendsTools(request)) request.tools = ToolsForNativeRequest(ep, ep.tools);
  return request;
}

std::unique_ptr<EpisodeLoop> LoopFor(const EpisodeRecord& r, const ReplyLimits& limits) {
  if (!r.episode->multi) return nullptr;
  auto loop = std::make_unique<EpisodeLoop>(*r.episode, limits);
  // A part-played episode restored from the journal goes on where it was cut off.
  if (!r.replies.empty() || !r.user_turns.empty()) loop->Replay(r.replies, r.user_turns);
  return loop;
}

// Adds one step's reply to a multi-step record: the record's response becomes the latest
// reply, with tokens and latency summed over the steps.
void Absorb(EpisodeRecord& r, const ChatResponse& step, double latency_ms) {
  const Usage before = r.response.usage;
  const Json logprobs = r.response.logprobs;
  const bool first = r.replies.empty();
  r.response = step;
  if (!first) {
    r.response.usage.prompt_tokens += before.prompt_tokens;
    r.response.usage.completion_tokens += before.completion_tokens;
    r.response.usage.reported = r.response.usage.reported || before.reported;
    r.response.usage.cached_prompt_tokens += before.cached_prompt_tokens;
    r.response.usage.cache_reported = r.response.usage.cache_reported || before.cache_reported;
    if (!logprobs.is_null()) r.response.logprobs = logprobs;  // the first step's: where the first call opens
  }
  r.replies.push_back(step.message);
  r.latency_ms += latency_ms;
}

// The part of every cache key that names the backend: its name and what it said it serves.
std::string CacheScope(const Adapter& adapter, const RunOptions& options) {
  return options.cache_identity.empty() ? adapter.name() : adapter.name() + "\x1e" + options.cache_identity;
}

// A local adapter's request as the bytes its cache key hashes: everything the adapter is
// given (exec: sends exactly this, with an id), the ground truth left out.
std::string BlockingCacheBody(const ChatRequest& request) {
  Json messages = Json::array(), tools = Json::array();
  for (const auto& m : request.messages) messages.push_back(ToJson(m));
  for (const auto& t : request.tools) tools.push_back(ToJson(t));
  return DumpJson(Json{{"messages", std::move(messages)}, {"tools", std::move(tools)}, {"dialect", request.dialect},
                       {"seed", request.seed}, {"suite", request.suite}});
}

RunStore::JournalKey KeyOf(const EpisodeRecord& r) { return {r.suite->manifest.name, r.episode->id, r.epoch}; }

// Finished replies on their way to the journal and the cache, written one transaction per
// Flush(). The event loop flushes with FlushIfDue: once `min_batch` replies wait or the
// oldest has waited kMaxStoreDelay. Each SQLite commit rewrites the pages it touched, so
// committing every few replies at --concurrency 256 cost a tenth of the run's CPU; a
// batch of a fraction of --concurrency bounds what a killed run asks again to what was in
// flight plus that fraction (at --concurrency up to 8 every reply is still its own commit).
class StoreWriter {
 public:
  static constexpr auto kMaxStoreDelay = std::chrono::milliseconds(20);
  explicit StoreWriter(const RunOptions& options, size_t min_batch = 1)
      : options_(options), min_batch_(std::max<size_t>(1, min_batch)) {}
  // Queues a successful reply (errors are not stored: a resumed run asks again); an empty
  // `cache_key` keeps it out of the cache (already there, or not cacheable).
  void Add(const EpisodeRecord& r, const std::string& cache_key) {
    if (!r.response.ok()) return;
    if (!r.episode->multi && options_.cache && !cache_key.empty()) AddStep(cache_key, r.response, r.latency_ms);
    if (options_.journal) {
      Queued();
      journal_.push_back({KeyOf(r), StoredReply{r.response, r.latency_ms, r.attempts, r.replies, r.user_turns, false}});
    }
  }
  // Simulated users: an episode with a user is journaled after every step too, so
  // a run killed mid-episode resumes without asking either side again.
  void AddPartial(const EpisodeRecord& r) {
    if (!options_.journal || !r.episode->multi || !r.episode->multi->user || !r.response.ok()) return;
    Queued();
    journal_.push_back({KeyOf(r), StoredReply{r.response, r.latency_ms, r.attempts, r.replies, r.user_turns, true}});
  }
  // One step of a multi-step episode, for the cache only (the journal takes whole episodes).
  void AddStep(const std::string& cache_key, const ChatResponse& response, double latency_ms) {
    if (options_.cache && !cache_key.empty() && response.ok()) {
      Queued();
      cache_.push_back({cache_key, StoredReply{response, latency_ms, 1, {}, {}, false}});
    }
  }
  // When the replies waiting must be written at the latest (nullopt: none wait).
  std::optional<Clock::time_point> Deadline() const {
    if (journal_.empty() && cache_.empty()) return std::nullopt;
    return oldest_ + kMaxStoreDelay;
  }
  void FlushIfDue(Clock::time_point now) {
    if (std::max(journal_.size(), cache_.size()) >= min_batch_ || (Deadline() && now >= *Deadline())) Flush();
  }
  void Flush() {
    if (!journal_.empty() && options_.journal) {
      std::vector<std::pair<RunStore::JournalKey, const StoredReply*>> entries;
      for (const auto& [key, reply] : journal_) entries.emplace_back(key, &reply);
      options_.journal->Journal(entries);
    }
    if (!cache_.empty() && options_.cache) {
      std::vector<std::pair<std::string, const StoredReply*>> entries;
      for (const auto& [key, reply] : cache_) entries.emplace_back(key, &reply);
      options_.cache->CacheStore(entries);
    }
    journal_.clear();
    cache_.clear();
  }

 private:
  void Queued() {
    if (journal_.empty() && cache_.empty()) oldest_ = Clock::now();
  }

  const RunOptions& options_;
  const size_t min_batch_;
  Clock::time_point oldest_{};
  std::vector<std::pair<RunStore::JournalKey, StoredReply>> journal_;
  std::vector<std::pair<std::string, StoredReply>> cache_;
};

void Keep(const RunOptions& options, EpisodeRecord& r) {
  StoreWriter writer(options);
  writer.Add(r, "");
  writer.Flush();
}

void Restore(EpisodeRecord& r, const StoredReply& s, const RunOptions& options) {
  r.response = s.response;
  Clean(r.response, options);  // stored by an older toolshift, perhaps before redaction
  r.latency_ms = s.latency_ms;
  r.replies = s.replies;
  r.user_turns = s.user_turns;
  if (options.secrets && !options.secrets->empty()) {
    for (auto& m : r.user_turns) options.secrets->RedactInPlace(m.content);
    for (auto& m : r.replies) {
      ChatResponse step;
      step.message = std::move(m);
      Clean(step, options);
      m = std::move(step.message);
    }
  }
  r.attempts = 0;
}

// What the user model is asked next: its own chat, no tools (a user does not call them).
ChatRequest UserRequest(const EpisodeRecord& r, const EpisodeLoop& loop) {
  return ChatRequest{loop.user_chat(), {}, "json", r.seed, r.suite->manifest.name, r.episode};
}

// Asks the episode's simulated user (RunOptions::user, or the scripted one) for as long as the
// loop awaits it, each answer from the cache when it holds one, retried like a model step; the
// user turns are journaled at once (partial). Returns "" or why the user could not answer (the
// record then ends as backend_error: an infrastructure failure, not the model's).
std::string AskUser(EpisodeRecord& r, EpisodeLoop& loop, const RunOptions& options) {
  ScriptedUserAdapter scripted;
  Adapter& user = options.user ? *options.user : scripted;
  RunStore* const cache = options.cache && user.cacheable() ? options.cache : nullptr;
  bool asked = false;
  while (loop.awaiting_user() && !Stopped(options)) {
    const ChatRequest req = UserRequest(r, loop);
    const std::string key = cache ? CacheKey("user\x1e" + user.name(), BlockingCacheBody(req), r.epoch) : "";
    ChatResponse said;
    bool hit = false;
    if (cache) {
      if (auto stored = cache->CacheLookup(key)) {
        said = stored->response;
        hit = true;
      }
    }
    SplitMix64 jitter(MixSeed(r.seed, 0x05e7));
    const auto first = Clock::now();
    for (int attempt = 1; !hit; ++attempt) {
      try {
        said = user.Complete(req);
        BoundResponse(said, options.limits);
      } catch (const std::exception& e) {
        said = ChatResponse{};
        said.error = std::string("adapter threw: ") + e.what();
      }
      if (said.ok() || !said.retryable) break;
      const auto delay = NextRetryDelay(options.retry, attempt, said.retry_after_s, Seconds(Clock::now() - first), jitter);
      if (!delay || Stopped(options)) break;
      std::this_thread::sleep_for(std::chrono::duration<double>(*delay));
    }
    Clean(said, options);
    if (!said.ok()) return "simulated user (" + user.name() + "): " + said.error;
    if (cache && !hit) cache->CacheStore(key, StoredReply{said, 0, 1, {}, {}, false});
    said.message.tool_calls.clear();  // a user speaks; it does not call tools
    r.user_turns.push_back(Message{Role::kUser, said.message.content, {}});
    loop.FeedUser(said.message);
    asked = true;
  }
  if (asked && options.journal && user.journaled() && !loop.done() && r.response.ok()) {
    options.journal->Journal(KeyOf(r), StoredReply{r.response, r.latency_ms, r.attempts, r.replies, r.user_turns, true});
  }
  return "";
}

// Threads that call a local user adapter (exec:...) for the event loop, which must not block
// on it. Each answer goes to `deliver`, called on a worker thread.
class UserWorkers {
 public:
  using Deliver = std::function<void(size_t job, ChatResponse said)>;
  UserWorkers(Adapter& user, size_t threads, Deliver deliver) : user_(user), deliver_(std::move(deliver)) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }
  // Waits for the calls under way; calls not started are dropped (the run is over).
  ~UserWorkers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      queue_.clear();
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void Post(size_t job, ChatRequest request) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(job, std::move(request));
    }
    cv_.notify_one();
  }

 private:
  void Work() {
    while (true) {
      std::pair<size_t, ChatRequest> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      ChatResponse said;
      try {
        said = user_.Complete(task.second);
      } catch (const std::exception& e) {
        said.error = std::string("adapter threw: ") + e.what();
      }
      deliver_(task.first, std::move(said));
    }
  }

  Adapter& user_;
  Deliver deliver_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<size_t, ChatRequest>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// Called with each record whose response is final (a RecordStream takes it); `here`: score
// and render it on the calling thread. Empty without a stream.
using OnFinished = std::function<void(EpisodeRecord&, bool here)>;

// The key of the prompt prefix a record's first request shares with others: its system turn
// (tools rendered into it for text dialects) and the names of the tools sent beside it.
uint64_t PrefixKey(const EpisodeRecord& r, const EpisodeLoop* loop, PromptMemo& memo) {
  std::vector<Message> built;
  const std::vector<Message>* prompt = nullptr;
  if (loop) {
    prompt = &loop->prompt();
  } else {
    built = memo.Build(*r.episode, *MakeDialect(r.episode->dialect, r.episode->presentation));
    prompt = &built;
  }
  uint64_t key = 0x9e3779b97f4a7c15ULL;
  if (!prompt->empty() && prompt->front().role == Role::kSystem) {
    key = MixSeed(key, HashString(prompt->front().content.data(), prompt->front().content.size()));
  }
  for (const Tool& t : r.episode->tools) key = MixSeed(key, HashString(t.name.data(), t.name.size()));
  return key | 1;  // never 0 (0 means "no key")
}

// Cache-aware order (RunOptions::prefix_schedule): within each block of `block` consecutive
// records, records with the same prefix key go out together, groups in order of first
// appearance, records in plan order within a group. Blocks bound how far a record moves from
// its place in the plan (finished records wait for earlier ones before they are logged).
void GroupByPrefix(std::vector<size_t>& order, const std::vector<uint64_t>& keys, size_t block) {
  for (size_t begin = 0; begin < order.size(); begin += block) {
    const size_t end = std::min(order.size(), begin + block);
    std::map<uint64_t, size_t> first;  // key -> rank of first appearance in the block
    for (size_t i = begin; i < end; ++i) first.emplace(keys[order[i]], first.size());
    std::stable_sort(order.begin() + static_cast<long>(begin), order.begin() + static_cast<long>(end),
                     [&](size_t a, size_t b) { return first[keys[a]] < first[keys[b]]; });
  }
}

// Local adapters: blocking calls from worker threads, retried in place.
void RunBlocking(std::vector<EpisodeRecord*>& todo, Adapter& adapter, const RunOptions& options, Progress& progress,
                 RunStats& stats, const OnFinished& on_finished) {
  std::mutex stats_mu;
  RunStore* const cache = options.cache && adapter.cacheable() ? options.cache : nullptr;
  const std::string cache_scope = CacheScope(adapter, options);
  auto run_one = [&](EpisodeRecord& r) {
    std::unique_ptr<EpisodeLoop> loop = LoopFor(r, options.limits);
    SplitMix64 jitter(MixSeed(r.seed, 0x7e7));
    const auto first = Clock::now();  // the retry budget covers the whole episode
    size_t retries = 0;
    // One model step with retries; false when it ended in a backend error.
    size_t hits = 0;
    auto step = [&](const ChatRequest& req, ChatResponse& out, double& latency_ms) {
      const std::string cache_key = cache ? CacheKey(cache_scope, BlockingCacheBody(req), r.epoch) : "";
      if (cache) {
        if (auto hit = cache->CacheLookup(cache_key)) {
          out = hit->response;
          Clean(out, options);
          latency_ms = hit->latency_ms;
          ++hits;
          return true;
        }
      }
      int step_attempts = 0;
      while (true) {
        const auto t0 = Clock::now();
        try {
          out = adapter.Complete(req);
          BoundResponse(out, options.limits);  // before anything copies or stores it
        } catch (const std::exception& e) {
          out = ChatResponse{};
          out.error = std::string("adapter threw: ") + e.what();
        }
        Clean(out, options);
        ++r.attempts;
        ++step_attempts;
        latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (out.ok() || !out.retryable) break;
        const auto delay = NextRetryDelay(options.retry, step_attempts, out.retry_after_s,
                                          Seconds(Clock::now() - first), jitter);
        if (!delay) break;
        ++retries;
        progress.Retry();
        std::this_thread::sleep_for(std::chrono::duration<double>(*delay));
        if (Stopped(options)) break;
      }
      if (cache && out.ok()) cache->CacheStore(cache_key, StoredReply{out, latency_ms, 1, {}, {}, false});
      return out.ok();
    };
    auto interrupt = [&] {
      r.response = ChatResponse{};
      r.response.error = kInterrupted;
    };
    if (Stopped(options)) return interrupt();
    if (!loop) {
      step(RequestFor(r, nullptr), r.response, r.latency_ms);
    } else {
      while (!loop->done()) {
        if (Stopped(options)) return interrupt();  // a part-played episode is asked again on --resume
        if (loop->awaiting_user()) {  // simulated users
          if (std::string error = AskUser(r, *loop, options); !error.empty()) {
            r.response = ChatResponse{};
            r.response.error = std::move(error);
            break;
          }
          continue;
        }
        ChatResponse reply;
        double latency_ms = 0;
        if (!step(RequestFor(r, loop.get()), reply, latency_ms)) {
          r.response = std::move(reply);  // the episode ends as a backend error; its replies so far stay
          break;
        }
        Absorb(r, reply, latency_ms);
        loop->Feed(reply.message);
        if (!loop->done() && r.episode->multi->user) {  // simulated users: mid-episode journal
          StoreWriter partial(options);
          partial.AddPartial(r);
          partial.Flush();
        }
      }
    }
    if (Stopped(options) && !r.response.ok()) return interrupt();  // cut short, not failed
    r.from_cache = hits > 0 && r.attempts == 0;
    Keep(options, r);
    {
      std::lock_guard<std::mutex> lock(stats_mu);
      stats.requests += static_cast<size_t>(r.attempts);
      stats.retries += retries;
      stats.cache_hits += hits;
    }
    progress.Tick(!r.response.ok());
    if (on_finished) on_finished(r, true);  // the workers share the scoring
  };
  // Adapters may block on I/O, so --jobs may exceed the cores.
  ParallelFor(todo.size(), 1, options.jobs, [&](size_t begin, size_t end) {
    for (size_t i = begin; i != end; ++i) run_one(*todo[i]);
  });
}

// Remote adapters: an event loop over the HTTP transport.
//
// Encoding a request (the prompt rendered, the JSON body built, the cache key hashed) is
// the loop's main CPU cost per request, so it is done ahead of need: the first wave in
// parallel before anything is sent, then on the loop thread while it would otherwise wait
// (at most --concurrency encoded bodies wait in memory). A slot freed by a reply is refilled
// at once with an encoded request, before the replies that freed it are decoded. Once every
// episode has gone out, the loop thread scores finished episodes while it waits.
//
// Returns the transport, idle, with its connections still open: closing hundreds of them
// takes milliseconds, which the caller can spend scoring meanwhile.
std::unique_ptr<HttpTransport> RunAsync(std::vector<EpisodeRecord*>& todo, const Adapter& adapter,
                                        const RunOptions& options, Progress& progress, RunStats& stats,
                                        const OnFinished& on_finished) {
  const HttpCodec& codec = *adapter.http();
  struct Job {
    EpisodeRecord* record;
    HttpRequest http;
    std::string refusal;    // why the backend cannot serve the encoded step (then no request)
    std::string cache_key;  // empty: not cacheable
    SplitMix64 jitter{0};
    Clock::time_point first{};
    bool encoded = false;    // http (or refusal) holds the current step
    bool looked_up = false;  // the current step was looked up in the cache
    bool started = false;
    bool popped = false;    // taken off the ready queue once (counted in sent_first)
    bool reserved = false;  // holds a rate-limiter slot already
    std::unique_ptr<EpisodeLoop> loop;  // multi-step episodes
    int step_attempts = 0;              // requests for the current step
    bool finished = false;
    uint64_t prefix_key = 0;            // with prefix_schedule: the record's PrefixKey
    // Simulated users: the current step asks the user model (RunOptions::user), not
    // the backend; `user_request` is what a local user adapter is given.
    bool user_step = false;
    ChatRequest user_request;
  };
  std::vector<Job> jobs(todo.size());
  std::deque<size_t> ready;
  size_t done = 0;
  StoreWriter writer(options, static_cast<size_t>(std::max(1, options.concurrency)) / 8);
  PromptMemo memo;  // episodes sharing a system turn render it once
  for (size_t i = 0; i < todo.size(); ++i) {
    jobs[i].record = todo[i];
    jobs[i].loop = LoopFor(*todo[i], options.limits);
    jobs[i].jitter = SplitMix64(MixSeed(todo[i]->seed, 0x7e7));
  }
  if (options.prefix_schedule) {
    std::vector<uint64_t> keys(jobs.size());
    ParallelFor(jobs.size(), 64, options.jobs, [&](size_t begin, size_t end) {
      for (size_t i = begin; i != end; ++i) keys[i] = PrefixKey(*jobs[i].record, jobs[i].loop.get(), memo);
    });
    std::vector<size_t> order(jobs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    GroupByPrefix(order, keys, std::max<size_t>(1024, 4 * static_cast<size_t>(std::max(1, options.concurrency))));
    std::vector<Job> sorted(jobs.size());
    for (size_t i = 0; i < order.size(); ++i) {
      sorted[i] = std::move(jobs[order[i]]);
      sorted[i].prefix_key = keys[order[i]];
    }
    jobs = std::move(sorted);
  }
  for (size_t i = 0; i < jobs.size(); ++i) ready.push_back(i);
  const bool cacheable = options.cache && adapter.cacheable();
  const std::string cache_scope = CacheScope(adapter, options);
  // Thread-safe across distinct jobs: touches only the job and its record.
  // Simulated users: a user model's step is a job step like the backend's, sent
  // through the transport (remote users) or to the worker threads (local ones), so the loop
  // never waits on it; the scripted user answers at once, here.
  Adapter* const user = options.user;
  const HttpCodec* const user_codec = user ? user->http() : nullptr;
  const bool user_cacheable = options.cache && user && user->cacheable();
  const std::string user_scope = user ? "user\x1e" + user->name() : "";
  auto encode_user = [&](Job& j) {
    EpisodeRecord& r = *j.record;
    j.user_step = true;
    j.encoded = true;
    j.looked_up = false;
    j.step_attempts = 0;
    ChatRequest request = UserRequest(r, *j.loop);
    // The same key as a local model's run gives it (AskUser), whichever way the user is asked.
    j.cache_key = user_cacheable ? CacheKey(user_scope, BlockingCacheBody(request), r.epoch) : "";
    if (!user_codec) {
      j.user_request = std::move(request);
      return;
    }
    j.refusal = user_codec->Refusal(request);
    if (!j.refusal.empty()) j.refusal = "simulated user (" + user->name() + "): " + j.refusal;
    j.http = j.refusal.empty() ? user_codec->Encode(request) : HttpRequest{};
  };
  auto encode = [&](Job& j) {
    EpisodeRecord& r = *j.record;
    j.user_step = false;
    if (j.loop && j.loop->awaiting_user()) {  // simulated users: the user speaks first
      if (user) return encode_user(j);
      j.refusal = AskUser(r, *j.loop, options);  // the scripted user: instant
      if (!j.refusal.empty() || j.loop->done()) {
        j.encoded = true;
        j.looked_up = false;
        return;
      }
    }
    ChatRequest request = RequestFor(r, j.loop.get(), &memo, &codec);
    request.prefix_key = j.prefix_key;
    j.refusal = codec.Refusal(request);
    j.http = j.refusal.empty() ? codec.Encode(request) : HttpRequest{};
    if (!j.loop) r.prompt = std::move(request.messages);  // lent to the request (RequestFor)
    j.cache_key = j.refusal.empty() && cacheable ? CacheKey(cache_scope, j.http.body, r.epoch) : "";
    j.encoded = true;
    j.looked_up = false;
    j.step_attempts = 0;
  };
  // The job's current step is encoded, servable and looked up in the cache (if cacheable):
  // it can go out as it is.
  auto sendable = [](const Job& j) { return j.encoded && j.refusal.empty() && (j.looked_up || j.cache_key.empty()); };
  std::vector<EpisodeRecord*> finished;  // in finishing order
  size_t scored = 0;                     // finished[0, scored) are scored
  // Prefix lanes (prefix_schedule): at most `lanes` first steps of a prefix group are in
  // flight at a time (one, unless the run has fewer groups than --concurrency); the next
  // waits until one is answered. A server with per-slot prompt caches (llama.cpp) then gives
  // it the slot that just processed the prefix (it picks the free slot with the longest
  // common prefix), so each group's prefix is processed about once per lane instead of once
  // per slot, while up to --concurrency groups run side by side.
  struct PrefixGroup {
    size_t in_flight = 0;     // first steps holding a lane
    std::deque<size_t> held;  // first steps waiting their turn, in order
  };
  std::unordered_map<uint64_t, PrefixGroup> groups;
  std::vector<char> holds_lane(jobs.size(), 0);
  size_t lanes = 1;
  if (options.prefix_schedule) {
    std::unordered_map<uint64_t, size_t> distinct;
    for (const Job& j : jobs) distinct.emplace(j.prefix_key, 0);
    lanes = std::max<size_t>(1, static_cast<size_t>(std::max(1, options.concurrency)) / std::max<size_t>(1, distinct.size()));
  }
  auto warmed = [&](size_t i) {  // job i's first step is over (answered, failed or finished)
    if (!holds_lane[i]) return;
    holds_lane[i] = 0;
    PrefixGroup& g = groups[jobs[i].prefix_key];
    --g.in_flight;
    if (g.held.empty()) return;
    ready.push_front(g.held.front());  // its turn: the next submit sends it
    g.held.pop_front();
  };
  auto finish = [&](Job& j, const std::string& cache_key) {
    warmed(static_cast<size_t>(&j - jobs.data()));
    j.finished = true;
    finished.push_back(j.record);
    writer.Add(*j.record, cache_key);
    // A run of 100k episodes must not hold every request body to the end. Swapped out, not
    // assigned: assigning an empty string keeps the old buffer (libstdc++ keeps the capacity).
    std::string().swap(j.http.body);
    std::vector<std::string>().swap(j.http.headers);
    std::string().swap(j.http.url);
    std::string().swap(j.cache_key);
    j.loop.reset();
    ++done;
    progress.Tick(!j.record->response.ok());
    if (on_finished) on_finished(*j.record, false);  // scored on the stream's thread, not the loop's
  };
  // Simulated users: the user's answer joins the episode; false when that ended it.
  auto heard = [&](Job& j, ChatResponse& said) {
    EpisodeRecord& r = *j.record;
    said.message.tool_calls.clear();  // a user speaks; it does not call tools
    r.user_turns.push_back(Message{Role::kUser, said.message.content, {}});
    j.loop->FeedUser(said.message);
    if (j.loop->done()) {
      finish(j, "");
      return false;
    }
    writer.AddPartial(r);  // a run killed from here on does not ask the user again
    j.encoded = false;
    return true;
  };
  // Makes a job's next request ready to send; returns false when the job is over without a
  // request: refused by the backend, or answered by the cache (a multi-step episode may take
  // several steps from it).
  auto prepare = [&](Job& j) {
    EpisodeRecord& r = *j.record;
    while (true) {
      if (!j.encoded) encode(j);
      if (j.loop && j.loop->done() && j.refusal.empty()) {  // the simulated user ended it
        finish(j, "");
        return false;
      }
      if (!j.refusal.empty()) {
        r.response = ChatResponse{};
        r.response.error = std::move(j.refusal);
        finish(j, "");
        return false;
      }
      if (sendable(j)) return true;
      j.looked_up = true;
      auto hit = options.cache->CacheLookup(j.cache_key);
      if (!hit) return true;
      if (j.user_step) {  // simulated users: not counted in the run's statistics
        ChatResponse said = hit->response;
        Clean(said, options);
        if (!heard(j, said)) return false;
        continue;
      }
      ++stats.cache_hits;
      if (!j.loop) {
        Restore(r, *hit, options);
        r.from_cache = true;
        finish(j, "");
        return false;
      }
      ChatResponse step = hit->response;
      Clean(step, options);
      Absorb(r, step, hit->latency_ms);
      j.loop->Feed(step.message);
      if (j.loop->done()) {
        r.from_cache = r.attempts == 0;
        finish(j, "");
        return false;
      }
      j.encoded = false;
    }
  };
  // Encoding ahead: first steps in job order, at most `window` encoded and not yet sent.
  const size_t window = static_cast<size_t>(std::max(1, options.concurrency));
  size_t ahead_cursor = 0;  // jobs before it were encoded ahead, or are past their first step
  size_t sent_first = 0;    // jobs taken off the ready queue at least once
  auto can_encode_ahead = [&] {
    while (ahead_cursor < jobs.size() && (jobs[ahead_cursor].encoded || jobs[ahead_cursor].started)) ++ahead_cursor;
    return ahead_cursor < jobs.size() && ahead_cursor < sent_first + window;
  };
  {
    const size_t first = std::min(jobs.size(), window);
    ParallelFor(first, 16, options.jobs, [&](size_t begin, size_t end) {
      for (size_t i = begin; i != end; ++i) encode(jobs[i]);
    });
  }
  // Replies from the transport thread. Shared with the callbacks, so it outlives a callback
  // still returning when the transport is handed back (see the end).
  struct Event {
    size_t job;
    HttpResult http;
    std::optional<ChatResponse> local;  // a local user adapter's answer (UserWorkers)
  };
  struct Inbox {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<Event> events;
  };
  const auto inbox = std::make_shared<Inbox>();
  // Simulated users: a local user adapter answers on worker threads.
  std::unique_ptr<UserWorkers> user_workers;
  if (user && !user_codec) {
    user_workers = std::make_unique<UserWorkers>(
        *user, static_cast<size_t>(std::max(1, std::min(options.concurrency, 8))), [inbox](size_t i, ChatResponse said) {
          {
            std::lock_guard<std::mutex> lock(inbox->mu);
            inbox->events.push_back(Event{i, HttpResult{}, std::move(said)});
          }
          inbox->cv.notify_one();
        });
  }
  using Timer = std::pair<Clock::time_point, size_t>;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers;
  RateLimiter limiter(options.rpm, options.tpm);
  auto transport = std::make_unique<HttpTransport>(std::max(1, options.concurrency));
  int in_flight = 0;
  const int concurrency = std::max(1, options.concurrency);

  // Sends ready jobs while slots are free; with `encoded_only`, stops at the first job that
  // would need encoding or a cache lookup first (a slot just freed is refilled before the
  // replies that freed it are decoded).
  auto submit = [&](Clock::time_point now, bool encoded_only) {
    while (in_flight < concurrency && !ready.empty()) {
      const size_t i = ready.front();
      Job& j = jobs[i];
      if (encoded_only && !sendable(j)) return;
      ready.pop_front();
      if (options.prefix_schedule && j.prefix_key != 0 && !j.started) {
        PrefixGroup& g = groups[j.prefix_key];
        if (!holds_lane[i]) {
          if (g.in_flight >= lanes) {
            g.held.push_back(i);
            continue;
          }
          ++g.in_flight;  // a free lane: this one takes it
          holds_lane[i] = 1;
        }
      }
      if (!j.popped) {
        j.popped = true;
        ++sent_first;
      }
      if (!prepare(j)) continue;
      if (j.user_step) {  // simulated users: not the backend's, so no rate limit or count
        if (!j.started) {
          j.started = true;
          j.first = now;
        }
        ++in_flight;
        if (user_workers) {
          user_workers->Post(i, j.user_request);
          continue;
        }
        transport->Submit(j.http, [inbox, i](HttpResult result) {
          {
            std::lock_guard<std::mutex> lock(inbox->mu);
            inbox->events.push_back(Event{i, std::move(result), std::nullopt});
          }
          inbox->cv.notify_one();
        });
        continue;
      }
      if (limiter.enabled() && !j.reserved) {
        const auto start = limiter.Reserve(now, static_cast<int64_t>(j.http.body.size() / 4));
        if (start > now) {
          j.reserved = true;
          timers.emplace(start, i);
          continue;
        }
      }
      j.reserved = false;
      if (!j.started) {
        j.started = true;
        j.first = now;
      }
      ++in_flight;
      ++stats.requests;
      transport->Submit(j.http, [inbox, i](HttpResult result) {
        {
          std::lock_guard<std::mutex> lock(inbox->mu);
          inbox->events.push_back(Event{i, std::move(result), std::nullopt});
        }
        inbox->cv.notify_one();
      });
    }
  };

  while (done < jobs.size()) {
    if (Stopped(options)) break;
    auto now = Clock::now();
    submit(now, false);
    if (done == jobs.size()) break;  // the cache answered the rest
    std::vector<Event> batch;
    while (true) {
      std::unique_lock<std::mutex> lock(inbox->mu);
      auto until = timers.empty() ? now + std::chrono::seconds(1) : timers.top().first;
      if (const auto due = writer.Deadline()) until = std::min(until, *due);
      // Nothing to do but wait: encode a request that will be needed; once every episode
      // has gone out, score the finished ones while the last replies come in (earlier,
      // scoring would take the cores from the requests still to be sent).
      if (inbox->events.empty() && Clock::now() < until && !Stopped(options)) {
        if (can_encode_ahead()) {
          lock.unlock();
          encode(jobs[ahead_cursor]);
          continue;
        }
        if (!on_finished && sent_first == jobs.size() && scored < finished.size()) {
          lock.unlock();
          ScoreRecord(*finished[scored++], options.limits);
          continue;
        }
      }
      inbox->cv.wait_until(lock, until, [&] { return !inbox->events.empty(); });
      batch.swap(inbox->events);
      break;
    }
    now = Clock::now();
    while (!timers.empty() && timers.top().first <= now) {
      ready.push_back(timers.top().second);
      timers.pop();
    }
    in_flight -= static_cast<int>(batch.size());
    submit(now, true);
    for (auto& event : batch) {
      const size_t i = event.job;
      const HttpResult& result = event.http;
      Job& j = jobs[i];
      EpisodeRecord& r = *j.record;
      if (j.user_step) {  // simulated users
        ++j.step_attempts;
        ChatResponse said = event.local ? std::move(*event.local) : user_codec->Decode(result);
        BoundResponse(said, options.limits);
        Clean(said, options);
        if (!said.ok() && said.retryable) {
          const auto delay =
              NextRetryDelay(options.retry, j.step_attempts, said.retry_after_s, Seconds(now - j.first), j.jitter);
          if (delay) {
            timers.emplace(now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*delay)), i);
            continue;
          }
        }
        if (!said.ok()) {
          r.response = ChatResponse{};
          r.response.error = "simulated user (" + user->name() + "): " + said.error + " (after " +
                             std::to_string(j.step_attempts) + " attempt(s))";
          finish(j, "");
          continue;
        }
        writer.AddStep(j.cache_key, said, event.local ? 0 : result.elapsed_ms);
        if (heard(j, said)) ready.push_front(i);
        continue;
      }
      ++r.attempts;
      ++j.step_attempts;
      ChatResponse reply = codec.Decode(result);
      BoundResponse(reply, options.limits);  // before anything copies or stores it
      Clean(reply, options);
      if (!reply.ok() && reply.retryable) {
        const auto delay =
            NextRetryDelay(options.retry, j.step_attempts, reply.retry_after_s, Seconds(now - j.first), j.jitter);
        if (delay) {
          ++stats.retries;
          progress.Retry();
          timers.emplace(now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*delay)), i);
          continue;
        }
      }
      if (!reply.ok()) {
        reply.error += " (after " + std::to_string(r.attempts) + " attempt(s))";
        r.response = std::move(reply);
        if (!j.loop) r.latency_ms = result.elapsed_ms;
        finish(j, "");
        continue;
      }
      if (!j.loop) {
        r.response = std::move(reply);
        r.latency_ms = result.elapsed_ms;
        finish(j, j.cache_key);
        continue;
      }
      if (r.replies.empty()) warmed(i);  // a multi-step episode frees its lane with its first step
      writer.AddStep(j.cache_key, reply, result.elapsed_ms);
      Absorb(r, reply, result.elapsed_ms);
      j.loop->Feed(reply.message);
      if (!j.loop->done()) writer.AddPartial(r);  // simulated users: mid-episode journal
      if (j.loop->done()) {
        finish(j, "");
      } else {
        j.encoded = false;  // the next step goes out as soon as a slot is free
        ready.push_front(i);
      }
    }
    writer.FlushIfDue(Clock::now());
  }
  writer.Flush();
  if (Stopped(options)) {
    // What is still in flight is abandoned (the transport aborts it when it closes); those
    // episodes, like the ones never sent, are asked again by --resume.
    for (Job& j : jobs) {
      if (j.finished) continue;
      stats.interrupted = true;
      j.record->response = ChatResponse{};
      j.record->response.error = kInterrupted;
    }
  }
  return transport;
}

}  // namespace

uint64_t EpisodeSeed(uint64_t run_seed, const std::string& suite, const std::string& episode_id, int epoch) {
  const std::string key = suite + "\x1f" + episode_id;
  const uint64_t seed = MixSeed(run_seed, HashString(key.data(), key.size()));
  return epoch == 0 ? seed : MixSeed(seed, static_cast<uint64_t>(epoch));
}

std::vector<EpisodeRecord> PlanRecords(const std::vector<Suite>& suites, const RunOptions& options) {
  CheckEpisodePacks(suites);  // bad input before any request, not a crash in a worker
  std::vector<EpisodeRecord> records;
  size_t position = 0;
  const int shards = std::max(1, options.shard_count);
  for (const auto& s : suites) {
    const size_t n = options.limit ? std::min(options.limit, s.episodes.size()) : s.episodes.size();
    for (size_t i = 0; i < n; ++i, ++position) {
      if (static_cast<int>(position % static_cast<size_t>(shards)) != options.shard_index) continue;
      for (int epoch = 0; epoch < std::max(1, options.epochs); ++epoch) {
        EpisodeRecord r;
        r.suite = &s;
        r.episode = &s.episodes[i];
        r.epoch = epoch;
        r.seed = EpisodeSeed(options.seed, s.manifest.name, s.episodes[i].id, epoch);
        records.push_back(std::move(r));
      }
    }
  }
  return records;
}

void ScoreRecord(EpisodeRecord& r, const ReplyLimits& limits, bool keep_prompt) {
  if (r.episode->multi) {
    EpisodeLoop loop(*r.episode, limits, /*converse=*/keep_prompt);
    if (r.prompt.empty() && keep_prompt) r.prompt = loop.prompt();
    if (r.grouped) {
      std::vector<std::vector<Message>> turns;
      size_t at = 0;
      for (size_t n : r.turn_sizes) {
        turns.emplace_back(r.replies.begin() + static_cast<long>(std::min(at, r.replies.size())),
                           r.replies.begin() + static_cast<long>(std::min(at + n, r.replies.size())));
        at += n;
      }
      loop.ReplayTurns(turns);
    } else if (const EpisodePack* pack = PackOf(*r.episode); pack && pack->rules(*r.episode).single_reply) {
      // A single-shot pack episode: a recorded text or call list is its one reply.
      loop.Replay(r.replies.empty() ? std::vector<Message>{r.response.message} : r.replies);
    } else if (r.bfcl_text_result && r.episode->multi->pack.size()) {
      loop.MarkNotAListOfTurns();
    } else {
      loop.Replay(r.replies, r.user_turns);
    }
    auto trajectory = std::make_shared<Trajectory>(loop.trajectory());
    r.verdict = r.response.ok() ? ScoreTrajectory(*r.episode, *trajectory) : BackendErrorVerdict(r.response.error);
    if (r.verdict.trajectory) {
      const std::unique_ptr<Dialect> dialect = MakeDialect(r.episode->dialect, r.episode->presentation);
      for (const TrajectoryStep& s : trajectory->steps) {
        const Dialect* other = OtherDialect(*r.episode, *dialect, s.reply, s.parse, limits);
        r.verdict.trajectory->step_signatures.push_back(ScoredReplySignatures(
            *r.episode, *dialect, s.reply, s.parse, other ? other->name() : std::string_view(), limits));
      }
    }
    r.trajectory = std::move(trajectory);
    r.scored = true;
    return;
  }
  const std::unique_ptr<Dialect> dialect = MakeDialect(r.episode->dialect, r.episode->presentation);
  if (r.prompt.empty() && keep_prompt) r.prompt = BuildPrompt(*r.episode, *dialect);
  r.verdict = r.response.ok() ? ScoreReply(*r.episode, *dialect, r.response.message, limits)
                                : BackendErrorVerdict(r.response.error);
  r.scored = true;
}

void ScoreRecords(std::vector<EpisodeRecord>& records, int jobs_flag, const ReplyLimits& limits) {
  // Scoring is CPU work: microseconds an episode.
  ParallelFor(records.size(), 64, jobs_flag, [&](size_t begin, size_t end) {
    for (size_t i = begin; i != end; ++i) {
      if (!records[i].scored) ScoreRecord(records[i], limits);
    }
  });
}

std::vector<EpisodeRecord> RunSuites(const std::vector<Suite>& suites, Adapter& adapter, const RunOptions& options,
                                     RunStats* stats_out) {
  std::vector<EpisodeRecord> records = PlanRecords(suites, options);
  RunStats stats;
  Progress progress(records.size(), options.progress);
  // With a sink, records leave for it as they finish (scored, logged, released).
  std::unique_ptr<RecordStream> stream =
      options.sink ? std::make_unique<RecordStream>(records, *options.sink, options.limits) : nullptr;
  OnFinished on_finished;
  if (stream) {
    on_finished = [&](EpisodeRecord& r, bool here) { stream->Finished(static_cast<size_t>(&r - records.data()), here); };
  }
  std::vector<EpisodeRecord*> todo;
  {
    // The journal's replies are only needed until they are restored into their records.
    const auto journaled = options.journal ? options.journal->LoadJournal() : std::map<RunStore::JournalKey, StoredReply>{};
    for (auto& r : records) {
      if (auto it = journaled.find(KeyOf(r)); it != journaled.end() && it->second.partial) {
        Restore(r, it->second, options);  // simulated users: played on from where it was cut off
        r.attempts = it->second.attempts;
        todo.push_back(&r);
      } else if (it != journaled.end()) {
        Restore(r, it->second, options);
        r.resumed = true;
        ++stats.resumed;
        progress.Tick(false);
        if (on_finished) on_finished(r, false);
      } else {
        todo.push_back(&r);
      }
    }
  }
  std::unique_ptr<HttpTransport> idle_transport;
  if (adapter.http()) {
    idle_transport = RunAsync(todo, adapter, options, progress, stats, on_finished);
  } else {
    RunBlocking(todo, adapter, options, progress, stats, on_finished);
    for (const EpisodeRecord* r : todo) stats.interrupted = stats.interrupted || r->response.error == kInterrupted;
  }
  progress.Finish();
  if (stats.interrupted) {
    if (stream) stream->Abandon();  // an interrupted run writes no log
    if (stats_out) *stats_out = stats;
    return records;  // not scored: the run stops; the idle transport closes here
  }

  {
    // Closing hundreds of connections takes milliseconds: done beside the scoring.
    struct Joined {
      std::thread thread;
      ~Joined() {
        if (thread.joinable()) thread.join();
      }
    } closer;
    if (idle_transport) closer.thread = std::thread([t = std::move(idle_transport)]() mutable { t.reset(); });
    if (stream) stream->Close();  // every record scored and handed on
    ScoreRecords(records, options.jobs, options.limits);
  }
  if (stats_out) *stats_out = stats;
  return records;
}

}  // namespace toolshift
