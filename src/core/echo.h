// Echo: how a message quotes a value that came from outside (a tool name, a flag's text, a path).
// Such values can be megabytes long; echoed whole they bury the message and flood stderr or a CI
// log. Every message builder quotes them through Echo, and the command's last line of defence
// (src/cli/main.cc) caps whole messages with CapMessage.
#ifndef TOOLSHIFT_CORE_ECHO_H_
#define TOOLSHIFT_CORE_ECHO_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace toolshift {

// The most bytes of one value a message quotes.
inline constexpr size_t kEchoMaxBytes = 200;
// The most bytes of a whole message printed for one error.
inline constexpr size_t kMessageMaxBytes = 2048;

// `value` when it has at most `max_bytes` bytes; otherwise its first bytes (cut on a UTF-8 character
// boundary) followed by "...(N bytes)", so the reader sees both what it was and that it was cut.
// Control bytes (C0 and DEL) are shown as \xNN: an echoed value cannot move a terminal's cursor,
// recolour it or end a line. Echo(value, SIZE_MAX) only does that.
std::string Echo(std::string_view value, size_t max_bytes = kEchoMaxBytes);

// A whole message cut to `max_bytes`: its head (which names the file, line and field) and its last
// bytes, joined by "...(N bytes cut)...". Control bytes other than newline and tab become \xNN.
std::string CapMessage(std::string_view message, size_t max_bytes = kMessageMaxBytes);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_ECHO_H_
