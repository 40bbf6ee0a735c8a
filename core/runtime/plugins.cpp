#include "runtime/plugins.h"

#include "converters/converter_registry.h"

#include "runtime/logging.h"

#include <algorithm>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>

namespace connectdesk::runtime {

namespace fs = std::filesystem;

struct Plugins::Library {
    std::string path;
    void* handle = nullptr;
    ~Library()
    {
        // RTLD_NODELETE keeps the code mapped after this: a connector or task the herder handed to a
        // detached stop thread (so a hung plugin cannot block shutdown) may still be running or being
        // destroyed when the catalogue goes. Like Java, which never unloads a class in use, we never
        // unmap plugin code; a use-after-unmap here crashed tst_worker_kafka once in two CI runs.
        if (handle != nullptr) {
            dlclose(handle);
        }
    }
};

namespace {

bool isSharedLibrary(const fs::path& p)
{
    const std::string name = p.filename().string();
    return p.extension() == ".so" || name.find(".so.") != std::string::npos;
}

std::string kindName(sdk::ConnectorKind kind)
{
    return kind == sdk::ConnectorKind::Source ? "source" : "sink";
}

std::string pluginDesc(const Plugins::ConnectorEntry& e)
{
    // The shape of Java's PluginDesc.toString, which Apache prints in this error.
    const std::string type = kindName(e.plugin.kind);
    return "PluginDesc{klass=class " + e.plugin.className + ", name='" + e.plugin.className + "', version='" +
           e.plugin.version + "', encodedVersion=" + e.plugin.version + ", type=" + type + ", typeName='" +
           type + "', location='file:" + e.location + "'}";
}

} // namespace

Plugins::Plugins() = default;

Plugins::~Plugins()
{
    m_connectors.clear();
    m_sourceTasks.clear();
    m_sinkTasks.clear();
    m_converters.clear(); // std::function targets live in the libraries: drop them first
    m_libraries.clear();
}

std::vector<std::string> Plugins::loadPluginPath(const std::vector<std::string>& dirs)
{
    std::vector<std::string> problems;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            problems.push_back("Plugin path entry " + dir + " is not a directory; skipped");
            areaLogger("plugins")->warn("{}", problems.back());
            continue;
        }
        std::vector<fs::path> candidates;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (entry.is_regular_file() && isSharedLibrary(entry.path())) {
                candidates.push_back(entry.path());
            } else if (entry.is_directory()) {
                for (const auto& inner : fs::directory_iterator(entry.path(), ec)) {
                    if (inner.is_regular_file() && isSharedLibrary(inner.path())) {
                        candidates.push_back(inner.path());
                    }
                }
            }
        }
        std::sort(candidates.begin(), candidates.end());
        for (const auto& path : candidates) {
            const std::string problem = loadLibrary(path.string());
            if (!problem.empty()) {
                problems.push_back(problem);
            }
        }
    }
    return problems;
}

std::string Plugins::loadLibrary(const std::string& path)
{
    auto log = areaLogger("plugins");
    for (const auto& lib : m_libraries) {
        if (lib->path == path) {
            return {};
        }
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == nullptr) {
        const char* why = dlerror();
        std::string msg = "Skipping plugin " + path + ": failed to load: " + (why ? why : "unknown error");
        log->warn("{}", msg);
        return msg;
    }
    auto lib = std::make_unique<Library>();
    lib->path = path;
    lib->handle = handle;
    using AbiFn = int (*)();
    using DescriptorFn = const sdk::PluginDescriptor* (*)();
    auto abi = reinterpret_cast<AbiFn>(dlsym(handle, CONNECTDESK_PLUGIN_ABI_SYMBOL));
    if (abi == nullptr) {
        std::string msg = "Skipping " + path + ": not a ConnectDesk plugin (no " +
                          CONNECTDESK_PLUGIN_ABI_SYMBOL + " symbol)";
        log->warn("{}", msg);
        return msg;
    }
    const int pluginAbi = abi();
    if (pluginAbi != sdk::sdkAbiVersion()) {
        std::string msg = "Skipping plugin " + path + ": built against ConnectDesk SDK ABI " +
                          std::to_string(pluginAbi) + " but this worker provides ABI " +
                          std::to_string(sdk::sdkAbiVersion()) + "; rebuild the plugin against this SDK";
        log->warn("{}", msg);
        return msg;
    }
    auto describe = reinterpret_cast<DescriptorFn>(dlsym(handle, CONNECTDESK_PLUGIN_DESCRIPTOR_SYMBOL));
    const sdk::PluginDescriptor* descriptor = describe != nullptr ? describe() : nullptr;
    if (descriptor == nullptr) {
        std::string msg = "Skipping plugin " + path + ": it exports no plugin descriptor";
        log->warn("{}", msg);
        return msg;
    }
    m_libraries.push_back(std::move(lib));
    addDescriptor(*descriptor, path);
    log->info("Loaded plugin {} {} from {} ({} connectors)", descriptor->name, descriptor->version, path,
              descriptor->connectors.size());
    return {};
}

void Plugins::addDescriptor(const sdk::PluginDescriptor& descriptor, const std::string& location)
{
    for (const auto& c : descriptor.connectors) {
        ConnectorEntry e{c, location, sdk::defaultPluginAliases(c.className, "Connector")};
        for (const auto& a : c.aliases) {
            if (std::find(e.aliases.begin(), e.aliases.end(), a) == e.aliases.end()) {
                e.aliases.push_back(a);
            }
        }
        m_connectors.push_back(std::move(e));
    }
    m_sourceTasks.insert(m_sourceTasks.end(), descriptor.sourceTasks.begin(), descriptor.sourceTasks.end());
    m_sinkTasks.insert(m_sinkTasks.end(), descriptor.sinkTasks.begin(), descriptor.sinkTasks.end());
    for (const auto& c : descriptor.converters) {
        ConverterEntry e{c, c.aliases};
        const auto suffix = c.createHeaderConverter && !c.createConverter ? "HeaderConverter" : "Converter";
        for (const auto& a : sdk::defaultPluginAliases(c.className, suffix)) {
            if (std::find(e.aliases.begin(), e.aliases.end(), a) == e.aliases.end()) {
                e.aliases.push_back(a);
            }
        }
        m_converters.push_back(std::move(e));
    }
}

const Plugins::ConnectorEntry* Plugins::findConnector(const std::string& name, std::string* error) const
{
    for (const auto& e : m_connectors) {
        if (e.plugin.className == name) {
            return &e;
        }
    }
    std::vector<const ConnectorEntry*> matches;
    for (const auto& e : m_connectors) {
        if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) {
            matches.push_back(&e);
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    if (error != nullptr) {
        if (matches.size() > 1) {
            std::string classes;
            for (const auto* m : matches) {
                classes += (classes.empty() ? "" : ", ") + m->plugin.className;
            }
            *error = "More than one connector matches alias " + name +
                     ". Please use full package and class name instead. Classes found: " + classes;
        } else {
            std::string available;
            for (const auto& e : m_connectors) {
                available += (available.empty() ? "" : ", ") + pluginDesc(e);
            }
            *error = "Failed to find any class that implements Connector and which name matches " + name +
                     ", available connectors are: " + available;
        }
    }
    return nullptr;
}

const sdk::ConverterPlugin* Plugins::findConverter(const std::string& name) const
{
    const sdk::ConverterPlugin* found = nullptr;
    int aliasMatches = 0;
    for (const auto& e : m_converters) {
        if (e.plugin.className == name) {
            return &e.plugin;
        }
        if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) {
            found = &e.plugin;
            ++aliasMatches;
        }
    }
    return aliasMatches == 1 ? found : nullptr;
}

std::optional<sdk::ConfigDef> Plugins::converterConfig(const std::string& name) const
{
    const auto* converter = findConverter(name);
    if (converter == nullptr) {
        return std::nullopt;
    }
    return converter->config ? converter->config() : sdk::ConfigDef();
}

std::unique_ptr<sdk::SourceTask> Plugins::newSourceTask(const std::string& className) const
{
    for (const auto& t : m_sourceTasks) {
        if (t.className == className) {
            return t.create();
        }
    }
    return nullptr;
}

std::unique_ptr<sdk::SinkTask> Plugins::newSinkTask(const std::string& className) const
{
    for (const auto& t : m_sinkTasks) {
        if (t.className == className) {
            return t.create();
        }
    }
    return nullptr;
}

bool Plugins::classExists(const std::string& kind, const std::string& className) const
{
    if (kind == "converter" || kind == "header_converter") {
        const auto* c = findConverter(className);
        return c != nullptr && (kind == "converter" ? static_cast<bool>(c->createConverter)
                                                    : static_cast<bool>(c->createHeaderConverter));
    }
    // Transformations and predicates are not catalogued here yet: accept them and let the
    // transformation chain report unknown types when the task starts.
    return true;
}

std::vector<PluginInfo> Plugins::pluginInfos(bool connectorsOnly) const
{
    std::vector<PluginInfo> sinks;
    std::vector<PluginInfo> sources;
    for (const auto& e : m_connectors) {
        PluginInfo info{e.plugin.className, kindName(e.plugin.kind), e.plugin.version};
        (e.plugin.kind == sdk::ConnectorKind::Sink ? sinks : sources).push_back(info);
    }
    const auto byName = [](const PluginInfo& a, const PluginInfo& b) { return a.className < b.className; };
    std::sort(sinks.begin(), sinks.end(), byName);
    std::sort(sources.begin(), sources.end(), byName);
    std::vector<PluginInfo> out = sinks;
    out.insert(out.end(), sources.begin(), sources.end());
    if (!connectorsOnly) {
        std::vector<PluginInfo> converters;
        std::vector<PluginInfo> headerConverters;
        for (const auto& e : m_converters) {
            if (e.plugin.createConverter) {
                converters.push_back({e.plugin.className, "converter", e.plugin.version});
            }
            if (e.plugin.createHeaderConverter) {
                headerConverters.push_back({e.plugin.className, "header_converter", e.plugin.version});
            }
        }
        std::sort(converters.begin(), converters.end(), byName);
        std::sort(headerConverters.begin(), headerConverters.end(), byName);
        out.insert(out.end(), converters.begin(), converters.end());
        out.insert(out.end(), headerConverters.begin(), headerConverters.end());
    }
    return out;
}

std::vector<std::string> defaultPluginDirs()
{
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("CONNECTDESK_PLUGIN_DIR"); env != nullptr && *env != '\0') {
        dirs.emplace_back(env);
    }
    // An executable of the build tree uses the build tree's plugins; an installed one (or one
    // unpacked anywhere from the package) uses the plugin dir beside it, so an install never
    // depends on where it was built.
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path buildDir = fs::path(CONNECTDESK_BUILD_DIR);
    const bool inBuildTree =
        !ec &&
        std::mismatch(buildDir.begin(), buildDir.end(), exe.begin(), exe.end()).first == buildDir.end();
    fs::path candidate;
    if (inBuildTree) {
        candidate = CONNECTDESK_PLUGIN_BUILD_DIR;
    } else if (!ec) {
        candidate = exe.parent_path().parent_path() / CONNECTDESK_PLUGIN_INSTALL_RELDIR;
    }
    if (!candidate.empty() && fs::is_directory(candidate, ec) &&
        std::find(dirs.begin(), dirs.end(), candidate.string()) == dirs.end()) {
        dirs.emplace_back(candidate.string());
    }
    return dirs;
}

void Plugins::addBuiltinConverters()
{
    sdk::PluginDescriptor builtins;
    builtins.name = "builtin-converters";
    const auto registry = converters::ConverterRegistry::withBuiltins();
    for (const auto* converter : registry.plugins()) {
        builtins.converters.push_back(*converter);
    }
    addDescriptor(builtins, "builtin");
}

} // namespace connectdesk::runtime
