// Crash-safe whole-file replacement for the worker's state files: a reader sees either the old
// or the new content, never a torn mix (temp file, fsync, rename, fsync of the directory), and the
// versioned JSON layout ({"format", "version", "<rows>": [...]}) the offset and connector stores share.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace connectdesk::runtime {

// Writes data to path atomically; creates missing parent directories. False with a reason in
// error (errno text) when any step fails; the previous file is then left untouched.
bool atomicWriteFile(const std::string& path, const std::string& data, std::string* error);

// The whole content of path; nullopt when it does not exist; error set on other failures.
std::optional<std::string> readWholeFile(const std::string& path, std::string* error);

using JsonStateWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Emits "key": "value" (both may hold NULs or any UTF-8).
void writeStringMember(JsonStateWriter& w, std::string_view key, std::string_view value);

// Writes {"format": format, "version": 1, rowsKey: [ writeRows(...) ]} to path atomically;
// writeRows emits the array elements. Same result contract as atomicWriteFile.
bool writeJsonStateFile(const std::string& path, const char* format, const char* rowsKey,
                        const std::function<void(JsonStateWriter&)>& writeRows, std::string* error);

// Reads a file written by writeJsonStateFile and calls onRow for each element of rowsKey.
// Returns "" on success or when the file does not exist, the read error otherwise. A file that is
// not valid JSON of that format is moved aside to "<path>.corrupt-<epoch seconds>" (so nothing is
// lost) and corruptMessage(aside) is returned.
std::string loadJsonStateFile(const std::string& path, const char* format, const char* rowsKey,
                              const std::function<void(const rapidjson::Value&)>& onRow,
                              const std::function<std::string(const std::string& aside)>& corruptMessage);

} // namespace connectdesk::runtime
