#include "src/scoring/trajectory.h"

namespace toolshift {

std::string_view EndName(Trajectory::End end) {
  switch (end) {
    case Trajectory::End::kRunning: return "running";
    case Trajectory::End::kFinished: return "finished";
    case Trajectory::End::kStepLimit: return "step_limit";
    case Trajectory::End::kLoop: return "loop";
  }
  return "running";
}

std::string_view StepKindName(TrajectoryStep::Kind kind) {
  switch (kind) {
    case TrajectoryStep::Kind::kCalls: return "calls";
    case TrajectoryStep::Kind::kMalformed: return "malformed";
    case TrajectoryStep::Kind::kAnswer: return "answer";
  }
  return "answer";
}

}  // namespace toolshift
