// How a shared-library plugin describes what it provides (connectors, their tasks, converters)
// to the worker's plugin loader; the loader checks the SDK ABI version before anything else.
#pragma once

#include "connectdesk/sdk/connector.h"
#include "connectdesk/sdk/converter_plugin.h"
#include "connectdesk/sdk/sdk_version.h"
#include "connectdesk/sdk/sink_task.h"
#include "connectdesk/sdk/source_task.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace connectdesk::sdk {

enum class ConnectorKind { Source, Sink };

struct ConnectorPlugin {
    // Fully-qualified class name, e.g. org.apache.kafka.connect.file.FileStreamSourceConnector.
    std::string className;
    // Extra names; the loader adds the simple and pruned names (spec REST §6) itself.
    std::vector<std::string> aliases;
    std::string version;
    ConnectorKind kind = ConnectorKind::Source;
    std::function<std::unique_ptr<Connector>()> create;
};

struct SourceTaskPlugin {
    std::string className;
    std::function<std::unique_ptr<SourceTask>()> create;
};

struct SinkTaskPlugin {
    std::string className;
    std::function<std::unique_ptr<SinkTask>()> create;
};

struct PluginDescriptor {
    std::string name; // shown in logs, e.g. "connect-file"
    std::string version;
    std::vector<ConnectorPlugin> connectors;
    std::vector<SourceTaskPlugin> sourceTasks;
    std::vector<SinkTaskPlugin> sinkTasks;
    std::vector<ConverterPlugin> converters;
};

} // namespace connectdesk::sdk

// The two C symbols a plugin library exports. The loader calls the ABI function first and only
// touches the descriptor (whose layout depends on the ABI) when the versions are equal.
#define CONNECTDESK_PLUGIN_ABI_SYMBOL "connectdesk_plugin_abi_version"
#define CONNECTDESK_PLUGIN_DESCRIPTOR_SYMBOL "connectdesk_plugin_descriptor"

// Put once in a plugin's sources: CONNECTDESK_PLUGIN(makeDescriptor) where makeDescriptor()
// returns a PluginDescriptor.
#define CONNECTDESK_PLUGIN(factory)                                                                          \
    extern "C" __attribute__((visibility("default"))) int connectdesk_plugin_abi_version()                   \
    {                                                                                                        \
        return connectdesk::sdk::kSdkAbiVersion;                                                             \
    }                                                                                                        \
    extern "C" __attribute__((visibility("default"))) const connectdesk::sdk::PluginDescriptor*              \
    connectdesk_plugin_descriptor()                                                                          \
    {                                                                                                        \
        static const connectdesk::sdk::PluginDescriptor descriptor = factory();                              \
        return &descriptor;                                                                                  \
    }
