#include "src/engine/episode_loop.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "src/core/input_error.h"
#include "src/dialects/observation.h"
#include "src/dialects/prompt_builder.h"

namespace toolshift {

EpisodeLoop::EpisodeLoop(const Episode& episode, const ReplyLimits& limits, bool converse)
    : episode_(episode), limits_(limits), converse_(converse) {
  if (!episode.multi) throw std::logic_error("EpisodeLoop needs a multi-step episode");
  dialect_ = MakeDialect(episode.dialect, episode.presentation);
  if (!dialect_) throw InputError("episode " + episode.id + ": unknown dialect '" + episode.dialect + "'");
  if (!episode.multi->pack.empty()) {
    pack_ = FindEpisodePack(episode.multi->pack);
    if (!pack_) throw InputError("episode " + episode.id + ": unknown pack '" + episode.multi->pack + "'");
    rules_ = pack_->rules(episode);
    if (converse_ || !pack_->ScoresWithoutSession(episode)) session_ = pack_->Start(episode);
    if (converse_) Offer(pack_->InitialTools(episode));
  } else {
    env_ = FindEnvironment(episode.multi->env);
    if (!env_) throw InputError("episode " + episode.id + ": unknown environment '" + episode.multi->env + "'");
    if (converse_) offered_ = episode.tools;
  }
  if (converse_) {
    prompt_ = BuildPrompt(episode, *dialect_, offered_);
    conversation_ = prompt_;
  }
  trajectory_.final_state = episode.multi->initial_state;
  if (const auto& user = episode.multi->user) {
    user_chat_.push_back(Message{Role::kSystem, user->brief, {}});
    if (!user->opening.empty()) user_chat_.push_back(Message{Role::kUser, user->opening, {}});
    const Message* first = nullptr;
    for (const auto& m : episode.messages) {
      if (m.role == Role::kUser) first = &m;
    }
    if (first) {
      // The episode's own request is the user's first message, as if the user model had said it.
      user_chat_.push_back(Message{Role::kAssistant, first->content, {}});
      dialogue_messages_ = 1;
    } else {
      awaiting_user_ = true;
    }
  }
}

namespace {

// The agent's words as the user reads them: a leading "user:" or "agent:" (a model writing the
// dialogue's speaker labels) is not part of what it says.
std::string WithoutSpeaker(const std::string& text) {
  size_t at = text.find_first_not_of(" \t\n");
  if (at == std::string::npos) return text;
  for (const char* label : {"user:", "agent:"}) {
    const size_t n = std::char_traits<char>::length(label);
    if (text.size() - at >= n && std::equal(label, label + n, text.begin() + static_cast<long>(at),
                                            [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
      const size_t rest = text.find_first_not_of(" \t", at + n);
      return rest == std::string::npos ? "" : text.substr(rest);
    }
  }
  return text;
}

}  // namespace

void EpisodeLoop::AddressUser(const std::string& text) {
  const SimulatedUser& user = *episode_.multi->user;
  user_chat_.push_back(Message{Role::kUser, WithoutSpeaker(text), {}});
  ++dialogue_messages_;
  // Either side saying the finish phrase ends the dialogue, and so does its message cap (the
  // end state is judged either way).
  if (text.find(user.finish_phrase) != std::string::npos || dialogue_messages_ >= user.max_messages) {
    trajectory_.end = Trajectory::End::kFinished;
  } else {
    awaiting_user_ = true;
  }
}

void EpisodeLoop::FeedUser(const Message& said) {
  if (!awaiting_user()) throw std::logic_error("EpisodeLoop::FeedUser while the user is not awaited");
  const SimulatedUser& user = *episode_.multi->user;
  awaiting_user_ = false;
  // A message answering the agent opens the next turn (the scripted follow-ups' place).
  if (dialogue_messages_ > 0 && turn_ + 1 < static_cast<int>(episode_.multi->turns.size())) ++turn_;
  user_chat_.push_back(Message{Role::kAssistant, said.content, {}});
  user_pending_.push_back(said.content);
  ++dialogue_messages_;
  if (converse_) conversation_.push_back(Message{Role::kUser, said.content, {}});
  if (said.content.find(user.finish_phrase) != std::string::npos || dialogue_messages_ >= user.max_messages) {
    trajectory_.end = Trajectory::End::kFinished;
    if (session_ && converse_) trajectory_.final_state = session_->State();
  }
}

void EpisodeLoop::Offer(const std::vector<std::string>& names) {
  offered_.clear();
  for (const auto& n : names) {
    if (const Tool* t = FindTool(episode_.tools, n)) offered_.push_back(*t);
  }
}

bool EpisodeLoop::IsLoop(const std::vector<ToolCall>& calls) const {
  if (!rules_.detect_loops) return false;
  // The same calls (names and arguments) in kLoopRepeats consecutive steps, this one included.
  int same = 1;
  for (auto it = trajectory_.steps.rbegin(); it != trajectory_.steps.rend() && same < kLoopRepeats; ++it) {
    if (it->kind != TrajectoryStep::Kind::kCalls || it->calls.size() != calls.size()) break;
    bool equal = true;
    for (size_t i = 0; i < calls.size() && equal; ++i) {
      equal = it->calls[i].name == calls[i].name && it->calls[i].arguments == calls[i].arguments;
    }
    if (!equal) break;
    ++same;
  }
  return same >= kLoopRepeats;
}

void EpisodeLoop::EndTurn(std::vector<Message>& after) {
  const MultiStepTask& task = *episode_.multi;
  turn_calling_steps_ = 0;
  if (++turn_ >= static_cast<int>(task.turns.size())) {
    trajectory_.end = Trajectory::End::kFinished;
    return;
  }
  if (!pack_) {
    after.push_back(Message{Role::kUser, task.turns[turn_].user, {}});
    return;
  }
  if (!session_) return;  // a replay for the verdict alone: nothing is said or offered
  TurnOpening opening = session_->BeginTurn(turn_);
  if (!opening.offered_tools.empty() && converse_) {
    Offer(opening.offered_tools);
    // Text dialects show the tools in the system turn: it now lists the new ones too (the
    // conversation is resent whole at every step, as chat templates re-render it).
    const std::vector<Message> renewed = BuildPrompt(episode_, *dialect_, offered_);
    for (size_t i = 0; i < renewed.size() && i < conversation_.size(); ++i) {
      if (renewed[i].role == Role::kSystem && conversation_[i].role == Role::kSystem) conversation_[i] = renewed[i];
    }
  }
  for (auto& m : opening.messages) after.push_back(std::move(m));
}

void EpisodeLoop::Feed(const Message& reply) {
  if (done()) throw std::logic_error("EpisodeLoop::Feed after the episode ended");
  if (awaiting_user()) throw std::logic_error("EpisodeLoop::Feed while the user is awaited");
  const MultiStepTask& task = *episode_.multi;
  TrajectoryStep step;
  step.turn = turn_;
  step.reply = reply;
  step.user_before.swap(user_pending_);
  step.parse = pack_ ? pack_->Parse(episode_, *dialect_, reply, limits_)
                     : ParseWithinLimits(*dialect_, reply, episode_.tools, limits_);
  Message said = reply;
  std::vector<Message> after;
  switch (step.parse.status) {
    case ParseResult::Status::kMalformed:
      step.kind = TrajectoryStep::Kind::kMalformed;
      if (grouped_) {
        // the recording's grouping ends the turn
      } else if (rules_.malformed_ends_turn) {
        EndTurn(after);
      } else {
        after.push_back(ParseErrorNotice(step.parse.error));
      }
      break;
    case ParseResult::Status::kNoCall:
      step.kind = TrajectoryStep::Kind::kAnswer;
      trajectory_.answers.push_back(reply.content);
      if (task.user) {
        AddressUser(reply.content);  // the user answers, not the next scripted turn
      } else if (!grouped_) {
        EndTurn(after);
      }
      break;
    case ParseResult::Status::kCalls: {
      step.kind = TrajectoryStep::Kind::kCalls;
      std::vector<ToolCall> shown = step.parse.calls;
      const int n = static_cast<int>(trajectory_.steps.size());
      for (size_t i = 0; i < shown.size(); ++i) {
        // Native tool results must name the call they answer; backends that give no ids get ours.
        if (shown[i].id.empty()) shown[i].id = "call_" + std::to_string(n) + "_" + std::to_string(i);
      }
      if (dialect_->is_native()) said.tool_calls = shown;
      if (pack_) {
        // The pack's environments judge every call themselves (an external benchmark runs what
        // the model asked for, names and arguments as they are).
        for (const auto& c : shown) step.calls.push_back(task.ToEnv(c));
        if (session_) step.results = session_->Execute(step.calls);
        if (converse_) {
          for (auto& m : pack_->Render(*dialect_, shown, step.results)) after.push_back(std::move(m));
        }
      } else {
        for (const auto& c : shown) {
          // A name the episode does not offer is unknown even if the environment has a tool of that
          // name under another spelling (renamed by a format shift).
          // Arguments are checked against the schema the model was shown, so refusals use its names.
          const Tool* offered = FindTool(episode_.tools, c.name);
          const std::string refused =
              offered ? SchemaViolation(*offered, c.arguments) : "unknown tool '" + c.name + "'";
          ToolCall env_call = offered ? task.ToEnv(c) : c;
          Json result;
          try {
            result = refused.empty() ? env_->Execute(env_call, trajectory_.final_state) : Json{{"error", refused}};
          } catch (const StateError& e) {
            throw InputError("episode " + episode_.id + ": multi_step.initial_state: " + e.what());
          }
          step.calls.push_back(std::move(env_call));
          step.results.push_back(std::move(result));
        }
        if (converse_) {
          for (auto& m : RenderObservations(*dialect_, shown, step.results)) after.push_back(std::move(m));
        }
      }
      if (IsLoop(step.calls)) trajectory_.end = Trajectory::End::kLoop;
      ++turn_calling_steps_;
      break;
    }
  }
  trajectory_.steps.push_back(std::move(step));
  if (converse_) {
    conversation_.push_back(std::move(said));
    for (auto& m : after) conversation_.push_back(std::move(m));
  }
  if (rules_.single_reply && !done()) trajectory_.end = Trajectory::End::kFinished;
  if (done() && session_ && converse_) trajectory_.final_state = session_->State();
  if (done() || grouped_) return;
  if (rules_.max_calling_steps_per_turn > 0) {
    if (turn_calling_steps_ > rules_.max_calling_steps_per_turn) trajectory_.end = Trajectory::End::kStepLimit;
  } else if (static_cast<int>(trajectory_.steps.size()) >= task.StepLimit()) {
    trajectory_.end = Trajectory::End::kStepLimit;
  }
  // A pack's state is read once the episode ends (it can be large: BFCL's long-context classes).
  if (done() && session_ && converse_) trajectory_.final_state = session_->State();
}

void EpisodeLoop::Replay(const std::vector<Message>& replies, const std::vector<Message>& user_turns) {
  size_t next_user = 0;
  auto users = [&] {
    while (awaiting_user() && next_user < user_turns.size()) FeedUser(user_turns[next_user++]);
  };
  users();
  for (const auto& r : replies) {
    if (done() || awaiting_user()) break;
    Feed(r);
    users();
  }
}

void EpisodeLoop::ReplayTurns(const std::vector<std::vector<Message>>& turns) {
  grouped_ = true;
  const size_t n = std::min(turns.size(), episode_.multi->turns.size());
  for (size_t g = 0; g < n; ++g) {
    for (const auto& r : turns[g]) Feed(r);
    if (g + 1 < n) {
      std::vector<Message> after;
      EndTurn(after);
      if (converse_)
        for (auto& m : after) conversation_.push_back(std::move(m));
    }
  }
  grouped_ = false;
  trajectory_.recorded_turns = static_cast<int>(turns.size());
  trajectory_.end = turns.size() == episode_.multi->turns.size() ? Trajectory::End::kFinished : Trajectory::End::kStepLimit;
  if (session_ && converse_) trajectory_.final_state = session_->State();
}

void EpisodeLoop::MarkNotAListOfTurns() {
  trajectory_.recorded_turns = kNotAListOfTurns;
  trajectory_.end = Trajectory::End::kStepLimit;
}

void CheckEpisodePacks(const std::vector<Suite>& suites) {
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      if (!e.multi || e.multi->pack.empty()) continue;
      const EpisodePack* pack = FindEpisodePack(e.multi->pack);
      const std::string where = s.manifest.name + ": episode " + e.id;
      if (!pack) throw InputError(where + ": multi_step.pack: unknown pack '" + e.multi->pack + "'");
      try {
        pack->Validate(e);
      } catch (const FieldError& err) {
        throw InputError(where + ": " + err.what());
      }
    }
  }
}

}  // namespace toolshift
