// MakeAdapter: model spec -> adapter.
#include <cstdlib>

#include "adapters/adapter.h"
#include "adapters/anthropic/anthropic_adapter.h"
#include "adapters/exec/exec_adapter.h"
#include "adapters/ollama/ollama_adapter.h"
#include "adapters/openai/openai_adapter.h"
#include "adapters/reference/reference_policies.h"
#include "adapters/replay/replay_adapter.h"
#include "src/core/input_error.h"
#include "src/net/secrets.h"

namespace toolshift {

namespace {

// "provider:rest" -> rest when spec starts with provider + ':'.
bool Strip(const std::string& spec, const std::string& provider, std::string* rest) {
  if (spec.rfind(provider + ":", 0) != 0) return false;
  *rest = spec.substr(provider.size() + 1);
  return true;
}

std::unique_ptr<Adapter> MakeAdapterUnredacted(const std::string& spec, const AdapterOptions& options) {
  const std::string kUsage =
      " (known: reference:oracle, reference:overfit, reference:noisy:P with 0 <= P <= 1, reference:looper, replay:FILE, "
      "openai:MODEL@URL, openai-completions:MODEL@URL, anthropic:MODEL[@URL], ollama:MODEL[@URL], exec:COMMAND)";
  std::string rest;
  if (Strip(spec, "openai", &rest)) return std::make_unique<OpenAiChatAdapter>(spec, rest, options);
  if (Strip(spec, "openai-completions", &rest)) return std::make_unique<OpenAiCompletionsAdapter>(spec, rest, options);
  if (Strip(spec, "anthropic", &rest)) return std::make_unique<AnthropicAdapter>(spec, rest, options);
  if (Strip(spec, "ollama", &rest)) return std::make_unique<OllamaAdapter>(spec, rest, options);
  if (Strip(spec, "exec", &rest)) return std::make_unique<ExecAdapter>(spec, rest, options, options.exec_processes);
  if (spec == "reference:oracle") return std::make_unique<OraclePolicy>();
  if (spec == "reference:overfit") return std::make_unique<OverfitPolicy>();
  if (spec == "reference:looper") return std::make_unique<LooperPolicy>();
  const std::string noisy = "reference:noisy:";
  if (spec.rfind(noisy, 0) == 0) {
    const std::string p = spec.substr(noisy.size());
    char* end = nullptr;
    const double rate = std::strtod(p.c_str(), &end);
    if (p.empty() || end != p.c_str() + p.size() || !(rate >= 0.0 && rate <= 1.0)) {
      throw InputError("--model " + spec + ": P must be a number between 0 and 1");
    }
    return std::make_unique<NoisyPolicy>(rate, spec);
  }
  const std::string replay = "replay:";
  if (spec.rfind(replay, 0) == 0) {
    if (spec.size() == replay.size()) throw InputError("--model replay: needs a file (replay:FILE)");
    return std::make_unique<ReplayAdapter>(spec.substr(replay.size()));
  }
  throw InputError("--model " + spec + ": unknown model" + kUsage);
}

}  // namespace

std::unique_ptr<Adapter> MakeAdapter(const std::string& spec, const AdapterOptions& options) {
  try {
    return MakeAdapterUnredacted(spec, options);
  } catch (const InputError& e) {
    // Every message here may echo the spec, whose URLs may carry a key.
    throw InputError(RedactUrls(e.what()));
  }
}

}  // namespace toolshift
