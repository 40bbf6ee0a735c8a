#include "file_stream_source.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <poll.h>
#include <thread>
#include <unistd.h>

namespace connectdesk::connectors::file {

namespace {

constexpr const char* kFile = "file";
constexpr const char* kTopic = "topic";
constexpr const char* kBatchSize = "batch.size";

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

sdk::ConfigDef sourceConfigDef()
{
    using sdk::ConfigDef;
    ConfigDef def;
    def.define({.name = kFile,
                .type = ConfigDef::Type::String,
                .defaultValue = ConfigDef::Value{},
                .importance = ConfigDef::Importance::High,
                .documentation = "Source filename. If not specified, the standard input will be used"});
    def.define({.name = kTopic,
                .type = ConfigDef::Type::String,
                .defaultValue = std::nullopt,
                .validator = sdk::validators::nonEmptyString(),
                .importance = ConfigDef::Importance::High,
                .documentation = "The topic to publish data to"});
    def.define({.name = kBatchSize,
                .type = ConfigDef::Type::Int,
                .defaultValue = ConfigDef::Value(std::int32_t{2000}),
                .importance = ConfigDef::Importance::Low,
                .documentation =
                    "The maximum number of records the source task can read from the file each time it "
                    "is polled"});
    return def;
}

} // namespace

std::string FileStreamSourceConnector::version() const
{
    return CONNECTDESK_FILE_PLUGIN_VERSION;
}

sdk::ConfigDef FileStreamSourceConnector::config() const
{
    return sourceConfigDef();
}

void FileStreamSourceConnector::start(const sdk::ConfigMap& props)
{
    sourceConfigDef().parse(props); // throws ConfigException, which fails the connector
    m_props = props;
}

std::vector<sdk::ConfigMap> FileStreamSourceConnector::taskConfigs(int)
{
    // Only one input stream makes sense, whatever tasks.max says (spec §7.1).
    return {m_props};
}

bool FileStreamSourceConnector::alterOffsets(const sdk::ConfigMap& connectorConfig,
                                             const std::vector<sdk::SourceOffsetChange>& offsets)
{
    const auto parsed = sourceConfigDef().parse(connectorConfig);
    if (parsed.getString(kFile).empty()) {
        throw sdk::ConnectException("Offsets cannot be modified if the 'file' configuration is unspecified. "
                                    "This is because stdin is used for input and offsets are not tracked.");
    }
    for (const auto& [partition, offset] : offsets) {
        if (!offset) {
            continue; // tombstones are always fine
        }
        if (partition.find("filename") == partition.end()) {
            throw sdk::ConnectException(
                "Partition objects for source connectors must contain the key 'filename'");
        }
        auto pos = offset->find("position");
        if (pos == offset->end()) {
            throw sdk::ConnectException("Offset objects should either be null or contain the key 'position'");
        }
        const auto* p = pos->second.getIf<std::int64_t>();
        const auto* p32 = pos->second.getIf<std::int32_t>();
        if (p == nullptr && p32 == nullptr) {
            throw sdk::ConnectException(
                "The value for the 'position' key in the offset is expected to be a Long "
                "value");
        }
        if ((p != nullptr && *p < 0) || (p32 != nullptr && *p32 < 0)) {
            throw sdk::ConnectException(
                "The value for the 'position' key in the offset should be a non-negative "
                "value");
        }
    }
    return true;
}

FileStreamSourceTask::~FileStreamSourceTask()
{
    stop();
}

std::string FileStreamSourceTask::version() const
{
    return CONNECTDESK_FILE_PLUGIN_VERSION;
}

void FileStreamSourceTask::start(const sdk::ConfigMap& props)
{
    const auto parsed = sourceConfigDef().parse(props);
    m_filename = parsed.getString(kFile);
    m_topic = parsed.getString(kTopic);
    // Apache's task returns a record before it compares the batch with batch.size, so 0 or less
    // means one record per poll.
    m_batchSize = std::max(parsed.getInt(kBatchSize), 1);
    m_partition = std::make_shared<const sdk::OffsetMap>(
        m_filename.empty() ? sdk::OffsetMap{{"filename", sdk::Value()}}
                           : sdk::OffsetMap{{"filename", sdk::Value(m_filename)}});
    if (m_filename.empty()) {
        m_stream = stdin;
    }
}

bool FileStreamSourceTask::openStream()
{
    if (m_stream != nullptr) {
        return true;
    }
    m_stream = std::fopen(m_filename.c_str(), "rb");
    if (m_stream == nullptr) {
        return false;
    }
    std::int64_t skip = 0;
    const auto offset = context().offsetStorageReader().offset({{"filename", sdk::Value(m_filename)}});
    if (offset) {
        auto it = offset->find("position");
        if (it != offset->end() && !it->second.isNull()) {
            if (const auto* p = it->second.getIf<std::int64_t>()) {
                skip = *p;
            } else if (const auto* p32 = it->second.getIf<std::int32_t>()) {
                skip = *p32;
            } else {
                throw sdk::ConnectException("Offset position is the incorrect type");
            }
        }
    }
    if (skip > 0 && std::fseek(m_stream, static_cast<long>(skip), SEEK_SET) != 0) {
        throw sdk::ConnectException("Failed to skip to the stored offset in " + m_filename);
    }
    m_streamOffset = skip;
    m_buffer.clear();
    m_bufferPos = 0;
    m_lfAt = std::string::npos;
    m_lfScanFrom = 0;
    return true;
}

bool FileStreamSourceTask::extractLine(std::string_view& line)
{
    // Scans from m_bufferPos instead of erasing consumed bytes per line (which made a 4 MiB
    // buffer cost O(n) per record). memchr for the next \n (remembered between calls, so a file
    // of \r-terminated lines is not rescanned to its end for every line), then for a \r before
    // it: vectorized scans instead of a byte loop.
    const char* data = m_buffer.data();
    const std::size_t size = m_buffer.size();
    if (m_lfAt == std::string::npos || m_lfAt < m_bufferPos) {
        const std::size_t from = std::max(m_bufferPos, m_lfScanFrom);
        const auto* lf = static_cast<const char*>(std::memchr(data + from, '\n', size - from));
        m_lfAt = lf != nullptr ? static_cast<std::size_t>(lf - data) : std::string::npos;
        m_lfScanFrom = lf != nullptr ? m_lfAt : size; // no \n before this
    }
    const std::size_t upToLf = (m_lfAt != std::string::npos ? m_lfAt : size) - m_bufferPos;
    const char* begin = data + m_bufferPos;
    const auto* cr = static_cast<const char*>(std::memchr(begin, '\r', upToLf));
    std::size_t length = 0;
    std::size_t terminator = 1;
    if (cr != nullptr) {
        length = static_cast<std::size_t>(cr - begin);
        // A lone \r at the end of what we have: it may be the first half of \r\n.
        if (m_bufferPos + length + 1 >= size) {
            return false;
        }
        if (begin[length + 1] == '\n') {
            terminator = 2;
        }
    } else if (m_lfAt != std::string::npos) {
        length = upToLf;
    } else {
        return false;
    }
    line = std::string_view(begin, length);
    m_streamOffset += static_cast<std::int64_t>(length + terminator);
    m_bufferPos += length + terminator;
    return true;
}

void FileStreamSourceTask::compactBuffer()
{
    if (m_bufferPos > 0) {
        m_buffer.erase(0, m_bufferPos);
        m_lfAt =
            m_lfAt == std::string::npos || m_lfAt < m_bufferPos ? std::string::npos : m_lfAt - m_bufferPos;
        m_lfScanFrom = m_lfScanFrom > m_bufferPos ? m_lfScanFrom - m_bufferPos : 0;
        m_bufferPos = 0;
    }
}

std::vector<sdk::SourceRecord> FileStreamSourceTask::poll()
{
    sdk::SourceRecordBatch batch;
    pollInto(batch);
    return {std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end())};
}

void FileStreamSourceTask::pollInto(sdk::SourceRecordBatch& records)
{
    // `records` comes empty from the worker; counts below are of this batch only, in case not.
    const std::size_t first = records.size();
    if (!openStream()) {
        // Missing file: wait and retry on the next poll, the task does not fail (spec §7.1).
        std::this_thread::sleep_for(std::chrono::seconds(1));
        return;
    }
    const bool isStdin = m_filename.empty();
    compactBuffer();
    bool readAny = false;
    bool stdinEnded = false; // at the end of stdin (or unreadable), poll() reports it readable at once
    if (isStdin) {
        // Never block on stdin for longer than a second so pause/stop are seen, and not at all while
        // the buffer may hold complete lines left over from the last batch.
        const bool mayHaveLine = std::memchr(m_buffer.data(), '\n', m_buffer.size()) != nullptr ||
                                 std::memchr(m_buffer.data(), '\r', m_buffer.size()) != nullptr;
        pollfd pfd{STDIN_FILENO, POLLIN, 0};
        if (::poll(&pfd, 1, mayHaveLine ? 0 : 1000) > 0) {
            char chunk[8192];
            const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
            if (n > 0) {
                m_buffer.append(chunk, static_cast<std::size_t>(n));
                readAny = true;
            } else if (n == 0 || errno != EINTR) {
                stdinEnded = true;
            }
        } else if (!mayHaveLine) {
            return;
        }
    } else {
        char chunk[65536];
        std::clearerr(m_stream);
        // Read ahead a bounded amount (64 KiB: about 640 lines of 100 bytes per poll), and past it
        // only while the buffer holds no complete line (then doubling it, as Apache's task grows its
        // buffer), so a line of any length still gets through.
        const std::size_t readAhead = m_needMore ? std::max(kReadAhead, 2 * m_buffer.size()) : kReadAhead;
        while (m_buffer.size() < readAhead) {
            const std::size_t n = std::fread(chunk, 1, sizeof chunk, m_stream);
            if (n == 0) {
                break;
            }
            m_buffer.append(chunk, n);
            readAny = true;
        }
    }
    // m_batchSize >= 1; a no-op from the second batch on, when the worker passes its last one back.
    records.reserve(first + static_cast<std::size_t>(std::min(m_batchSize, 1024)));
    std::string_view line;
    // One clock read per batch: the lines of one poll are read within microseconds of each other.
    const std::int64_t timestamp = nowMs();
    while (static_cast<int>(records.size() - first) < m_batchSize && extractLine(line)) {
        // In place of a record of an earlier batch, keeping its buffers (SourceRecordBatch).
        records.addText(m_partition, "position", isStdin ? sdk::Value() : sdk::Value(m_streamOffset), m_topic,
                        std::nullopt, sdk::Schema::stringSchema(), line, timestamp);
    }
    const bool none = records.size() == first;
    // Nothing extracted from a full buffer: the next poll reads past the read-ahead bound.
    m_needMore = none && m_buffer.size() - m_bufferPos >= kReadAhead;
    if (isStdin && none && !readAny && !stdinEnded) {
        // Only a \r at the end was buffered (it may start \r\n): wait for more, do not spin.
        pollfd pfd{STDIN_FILENO, POLLIN, 0};
        ::poll(&pfd, 1, 1000);
    }
    if (none && ((!isStdin && !(m_needMore && readAny)) || stdinEnded)) {
        // No complete line yet: wait like Java's wait(1000) before the next read. (At the end of
        // the file with a long unterminated last line nothing was read: it waits, not spins.)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

void FileStreamSourceTask::stop()
{
    if (m_stream != nullptr && m_stream != stdin) {
        std::fclose(m_stream);
    }
    m_stream = nullptr;
}

} // namespace connectdesk::connectors::file
