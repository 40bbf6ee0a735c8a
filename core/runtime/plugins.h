// The plugin loader and catalogue: loads connector plugins from plugin.path directories (dlopen,
// ABI-checked), resolves class names and aliases (spec/connect-rest-api.md §6) and creates
// connectors, tasks and converters.
#pragma once

#include "runtime/herder.h"

#include <connectdesk/sdk/plugin.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::runtime {

class Plugins {
public:
    Plugins();
    ~Plugins();
    Plugins(const Plugins&) = delete;
    Plugins& operator=(const Plugins&) = delete;

    // Loads every shared library directly in each directory and in its direct subdirectories.
    // A library that fails to load or has another SDK ABI is skipped; the messages are logged
    // and returned.
    std::vector<std::string> loadPluginPath(const std::vector<std::string>& dirs);
    // Loads one library; returns an empty string or the reason it was skipped.
    std::string loadLibrary(const std::string& path);
    // Registers plugins compiled into the process (converters of core/converters, tests).
    void addDescriptor(const sdk::PluginDescriptor& descriptor, const std::string& location);
    // The built-in converters (String, Json, ByteArray, numbers, SimpleHeaderConverter), registered
    // as the worker executables register them: one descriptor named "builtin-converters".
    void addBuiltinConverters();

    struct ConnectorEntry {
        sdk::ConnectorPlugin plugin;
        std::string location;
        std::vector<std::string> aliases; // simple, pruned and plugin-given names
    };
    // By class name or unambiguous alias; nullptr with Apache's message in error otherwise.
    const ConnectorEntry* findConnector(const std::string& nameOrAlias, std::string* error = nullptr) const;
    const sdk::ConverterPlugin* findConverter(const std::string& nameOrAlias) const;
    // A converter's or header converter's own ConfigDef (Converter.config(), KIP-769), without
    // framework keys; nullopt when nameOrAlias names no converter.
    std::optional<sdk::ConfigDef> converterConfig(const std::string& nameOrAlias) const;
    std::unique_ptr<sdk::SourceTask> newSourceTask(const std::string& className) const;
    std::unique_ptr<sdk::SinkTask> newSinkTask(const std::string& className) const;

    // For the ClassExists hook of connector validation: kind is converter, header_converter,
    // transformation or predicate.
    bool classExists(const std::string& kind, const std::string& className) const;
    // /connector-plugins order: sinks, sources (then converters), each sorted by class name.
    std::vector<PluginInfo> pluginInfos(bool connectorsOnly) const;
    const std::vector<ConnectorEntry>& connectors() const { return m_connectors; }

private:
    struct Library;
    std::vector<std::unique_ptr<Library>> m_libraries;
    std::vector<ConnectorEntry> m_connectors;
    std::vector<sdk::SourceTaskPlugin> m_sourceTasks;
    std::vector<sdk::SinkTaskPlugin> m_sinkTasks;
    struct ConverterEntry {
        sdk::ConverterPlugin plugin;
        std::vector<std::string> aliases;
    };
    std::vector<ConverterEntry> m_converters;
};

// The plugin dirs a worker uses when plugin.path is not set: $CONNECTDESK_PLUGIN_DIR, then the
// build tree's plugin dir for executables of the build tree, else the plugin dir installed beside
// the executable (<prefix>/lib/<arch>/connectdesk/plugins).
std::vector<std::string> defaultPluginDirs();

} // namespace connectdesk::runtime
