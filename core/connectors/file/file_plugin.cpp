// The plugin entry of connect-file: describes the FileStream connectors and tasks to the loader.
#include "file_stream_sink.h"
#include "file_stream_source.h"

#include <connectdesk/sdk/plugin.h>

namespace {

connectdesk::sdk::PluginDescriptor describe()
{
    using namespace connectdesk;
    using namespace connectdesk::connectors::file;
    sdk::PluginDescriptor d;
    d.name = "connect-file";
    d.version = CONNECTDESK_FILE_PLUGIN_VERSION;
    d.connectors.push_back({kSourceConnectorClass, {}, d.version, sdk::ConnectorKind::Source, [] {
                                return std::make_unique<FileStreamSourceConnector>();
                            }});
    d.connectors.push_back({kSinkConnectorClass, {}, d.version, sdk::ConnectorKind::Sink, [] {
                                return std::make_unique<FileStreamSinkConnector>();
                            }});
    d.sourceTasks.push_back({kSourceTaskClass, [] { return std::make_unique<FileStreamSourceTask>(); }});
    d.sinkTasks.push_back({kSinkTaskClass, [] { return std::make_unique<FileStreamSinkTask>(); }});
    return d;
}

} // namespace

CONNECTDESK_PLUGIN(describe)
