// Reference policies: deterministic simulated models, toolshift's embedded default
// backend. They calibrate the harness — if the oracle does not score 100%, the harness
// (not a model) is wrong — and reproduce the phenomena it measures.
//
//   reference:oracle     always right, in whatever dialect the episode asks for.
//   reference:overfit    right on prompts like its training prompts (hermes, standard tags).
//                        Asked for another syntax it mostly answers in hermes anyway or emits
//                        a truncated mix of the two, and only sometimes gets the asked format
//                        right; on other format shifts (renamed tools or parameters, schemas
//                        shown another way, noise, templates) its output often collapses into
//                        that broken mix too: format collapse. Content shifts do not hurt it.
//   reference:noisy:P    the oracle, but with probability P per episode it makes one seeded
//                        error (wrong tool or value, dropped or extra argument, wrong number of
//                        calls, a call where none belongs), always in well-formed syntax; in a
//                        multi-step episode the error falls on one seeded step of the plan.
//   reference:looper     multi-step: repeats the plan's first call whatever comes back, so the
//                        loop detector must stop it; single-step: the oracle.
//
// Multi-step episodes are played by reading the conversation (adapters/reference/oracle_moves.h):
// the policies act on the observations they were shown.
//
// Every decision is drawn from the request's per-episode seed, so results do not depend
// on scheduling or --jobs. They read ChatRequest::episode (the ground truth); nothing else may.
#ifndef TOOLSHIFT_ADAPTERS_REFERENCE_REFERENCE_POLICIES_H_
#define TOOLSHIFT_ADAPTERS_REFERENCE_REFERENCE_POLICIES_H_

#include <string>

#include "adapters/adapter.h"

namespace toolshift {

class OraclePolicy : public Adapter {
 public:
  bool journaled() const override { return false; }
  std::string name() const override { return "reference:oracle"; }
  ChatResponse Complete(const ChatRequest& request) override;
};

class OverfitPolicy : public Adapter {
 public:
  bool journaled() const override { return false; }
  // Probability of answering correctly in a non-training dialect.
  static constexpr double kTransfer = 0.15;
  // Probability of answering in the training dialect instead (the rest is a broken mix).
  static constexpr double kLeak = 0.5;
  // Probability that a format shift keeping its own syntax still collapses its output.
  static constexpr double kSurfaceCollapse = 0.6;

  std::string name() const override { return "reference:overfit"; }
  ChatResponse Complete(const ChatRequest& request) override;
};

class NoisyPolicy : public Adapter {
 public:
  bool journaled() const override { return false; }
  explicit NoisyPolicy(double error_rate, std::string spec)
      : error_rate_(error_rate), spec_(std::move(spec)) {}
  std::string name() const override { return spec_; }
  ChatResponse Complete(const ChatRequest& request) override;

 private:
  double error_rate_;
  std::string spec_;
};

class LooperPolicy : public Adapter {
 public:
  bool journaled() const override { return false; }
  std::string name() const override { return "reference:looper"; }
  ChatResponse Complete(const ChatRequest& request) override;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REFERENCE_REFERENCE_POLICIES_H_
