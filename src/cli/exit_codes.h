// toolshift's exit codes, documented in the README and in `toolshift --help`.
#ifndef TOOLSHIFT_CLI_EXIT_CODES_H_
#define TOOLSHIFT_CLI_EXIT_CODES_H_

namespace toolshift {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // a check or gate did not pass
inline constexpr int kExitUsage = 2;        // bad flags or bad input files (suites, reports)
inline constexpr int kExitRuntime = 3;      // could not finish: I/O failure, internal error
inline constexpr int kExitBackendErrors = 4;  // `run`/`merge` finished, but too many episodes are backend errors

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_EXIT_CODES_H_
