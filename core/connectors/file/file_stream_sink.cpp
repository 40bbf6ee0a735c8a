#include "file_stream_sink.h"

#include <connectdesk/sdk/errors.h>

#include <cerrno>
#include <cstring>

namespace connectdesk::connectors::file {

namespace {

sdk::ConfigDef sinkConfigDef()
{
    using sdk::ConfigDef;
    ConfigDef def;
    def.define({.name = "file",
                .type = ConfigDef::Type::String,
                .defaultValue = ConfigDef::Value{},
                .importance = ConfigDef::Importance::High,
                .documentation = "Destination filename. If not specified, the standard output will be used"});
    return def;
}

} // namespace

void appendValueText(std::string& out, const sdk::Value& value)
{
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                out += "null";
            } else if constexpr (std::is_same_v<T, std::string>) {
                out += v;
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                                 std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t>) {
                out += std::to_string(v);
            } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(v));
                out += buf;
            } else if constexpr (std::is_same_v<T, sdk::Bytes>) {
                out += "[B@" + std::to_string(v.size()); // Java prints an identity hash here
            } else {
                out += "<" + std::string(sdk::valueKindName(value.kind())) + ">";
            }
        },
        value.variant());
}

std::string FileStreamSinkConnector::version() const
{
    return CONNECTDESK_FILE_PLUGIN_VERSION;
}

sdk::ConfigDef FileStreamSinkConnector::config() const
{
    return sinkConfigDef();
}

void FileStreamSinkConnector::start(const sdk::ConfigMap& props)
{
    sinkConfigDef().parse(props);
    m_props = props;
}

std::vector<sdk::ConfigMap> FileStreamSinkConnector::taskConfigs(int maxTasks)
{
    return std::vector<sdk::ConfigMap>(static_cast<std::size_t>(std::max(maxTasks, 1)), m_props);
}

FileStreamSinkTask::~FileStreamSinkTask()
{
    stop();
}

std::string FileStreamSinkTask::version() const
{
    return CONNECTDESK_FILE_PLUGIN_VERSION;
}

void FileStreamSinkTask::start(const sdk::ConfigMap& props)
{
    m_filename = sinkConfigDef().parse(props).getString("file");
    if (m_filename.empty()) {
        m_out = stdout;
        return;
    }
    m_out = std::fopen(m_filename.c_str(), "ab");
    if (m_out == nullptr) {
        throw sdk::ConnectException("Couldn't find or create file '" + m_filename +
                                    "' for FileStreamSinkTask: " + std::strerror(errno));
    }
}

void FileStreamSinkTask::put(std::vector<sdk::SinkRecord>& records)
{
    for (const auto& record : records) {
        // Appended to a line kept from record to record: no allocation once it is long enough.
        m_line.clear();
        appendValueText(m_line, record.value());
        m_line += '\n';
        if (std::fwrite(m_line.data(), 1, m_line.size(), m_out) != m_line.size()) {
            throw sdk::ConnectException("Failed to write to " + m_filename + ": " + std::strerror(errno));
        }
    }
    // Apache's task prints each record straight to the file (an unbuffered PrintStream), so readers
    // see lines as they are put; one write per batch gives the same visibility for far fewer calls.
    if (!records.empty() && std::fflush(m_out) != 0) {
        throw sdk::ConnectException("Failed to write to " + m_filename + ": " + std::strerror(errno));
    }
}

void FileStreamSinkTask::flush(const sdk::TopicPartitionOffsets&)
{
    if (m_out != nullptr && std::fflush(m_out) != 0) {
        throw sdk::ConnectException("Failed to flush " + m_filename + ": " + std::strerror(errno));
    }
}

void FileStreamSinkTask::stop()
{
    if (m_out != nullptr && m_out != stdout) {
        std::fclose(m_out);
    } else if (m_out == stdout) {
        std::fflush(stdout);
    }
    m_out = nullptr;
}

} // namespace connectdesk::connectors::file
