// Crash-safe whole-file replacement and the stores' versioned JSON layout.
#include "runtime/atomic_file.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace connectdesk::runtime {

namespace {

bool fail(std::string* error, const std::string& what, const std::string& path)
{
    if (error != nullptr) {
        *error = what + " " + path + ": " + std::strerror(errno);
    }
    return false;
}

} // namespace

bool atomicWriteFile(const std::string& path, const std::string& data, std::string* error)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    // The temp name is unique per process so two workers misconfigured onto one file do not
    // interleave their writes into the same temp file.
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail(error, "Cannot create", tmp);
    }
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(error, "Cannot write", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        fail(error, "Cannot fsync", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::close(fd) != 0) {
        fail(error, "Cannot close", tmp);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        fail(error, "Cannot rename onto", path);
        ::unlink(tmp.c_str());
        return false;
    }
    // Make the rename itself durable.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return true;
}

std::optional<std::string> readWholeFile(const std::string& path, std::string* error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT) {
            fail(error, "Cannot open", path);
        }
        return std::nullopt;
    }
    std::string out;
    char buf[65536];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(error, "Cannot read", path);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) {
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

void writeStringMember(JsonStateWriter& w, std::string_view key, std::string_view value)
{
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

bool writeJsonStateFile(const std::string& path, const char* format, const char* rowsKey,
                        const std::function<void(JsonStateWriter&)>& writeRows, std::string* error)
{
    rapidjson::StringBuffer buf;
    JsonStateWriter w(buf);
    w.StartObject();
    w.Key("format");
    w.String(format);
    w.Key("version");
    w.Int(1);
    w.Key(rowsKey);
    w.StartArray();
    writeRows(w);
    w.EndArray();
    w.EndObject();
    return atomicWriteFile(path, std::string(buf.GetString(), buf.GetSize()) + "\n", error);
}

std::string loadJsonStateFile(const std::string& path, const char* format, const char* rowsKey,
                              const std::function<void(const rapidjson::Value&)>& onRow,
                              const std::function<std::string(const std::string& aside)>& corruptMessage)
{
    std::string error;
    const auto text = readWholeFile(path, &error);
    if (!text) {
        return error; // missing → empty, silently
    }
    rapidjson::Document doc;
    doc.Parse(text->data(), text->size());
    const bool ok = !doc.HasParseError() && doc.IsObject() && doc.HasMember("format") &&
                    doc["format"].IsString() && std::string(doc["format"].GetString()) == format &&
                    doc.HasMember(rowsKey) && doc[rowsKey].IsArray();
    if (!ok) {
        const std::string aside =
            path + ".corrupt-" +
            std::to_string(std::chrono::system_clock::now().time_since_epoch() / std::chrono::seconds(1));
        std::rename(path.c_str(), aside.c_str());
        return corruptMessage(aside);
    }
    for (const auto& row : doc[rowsKey].GetArray()) {
        onRow(row);
    }
    return {};
}

} // namespace connectdesk::runtime
