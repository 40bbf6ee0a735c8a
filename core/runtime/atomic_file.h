// Crash-safe whole-file replacement for the worker's state files: a reader sees either the old
// or the new content, never a torn mix (temp file, fsync, rename, fsync of the directory).
#pragma once

#include <optional>
#include <string>

namespace connectdesk::runtime {

// Writes data to path atomically; creates missing parent directories. False with a reason in
// error (errno text) when any step fails; the previous file is then left untouched.
bool atomicWriteFile(const std::string& path, const std::string& data, std::string* error);

// The whole content of path; nullopt when it does not exist; error set on other failures.
std::optional<std::string> readWholeFile(const std::string& path, std::string* error);

} // namespace connectdesk::runtime
