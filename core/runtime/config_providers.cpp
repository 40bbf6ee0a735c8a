#include "runtime/config_providers.h"

#include "runtime/logging.h"
#include "runtime/worker_config.h"

#include <connectdesk/sdk/errors.h>

#include <QRegularExpression>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace connectdesk::runtime {

namespace fs = std::filesystem;

namespace {

struct Reference {
    std::size_t begin = 0; // of "${"
    std::size_t end = 0;   // one past "}"
    std::string provider;
    std::string path;
    std::string key;
};

bool lineTerminator(char c)
{
    return c == '\n' || c == '\r';
}

// The next match of ConfigTransformer.DEFAULT_PATTERN `\$\{(.*?):((.*?):)?(.*?)\}` at or after
// from, with Java's backtracking order spelled out (std::regex recurses per character and can
// overflow the stack on long values): the provider is the shortest run up to a ':' for which the
// rest matches; then, preferring the optional path group, the path runs to the next ':' and the
// key to the next '}'; else the key runs to the next '}'. '.' stops at line terminators.
std::optional<Reference> nextReference(const std::string& v, std::size_t from)
{
    for (std::size_t start = v.find("${", from); start != std::string::npos;
         start = v.find("${", start + 1)) {
        const std::size_t body = start + 2;
        std::size_t limit = body;
        while (limit < v.size() && !lineTerminator(v[limit])) {
            ++limit;
        }
        for (std::size_t colon = v.find(':', body); colon != std::string::npos && colon < limit;
             colon = v.find(':', colon + 1)) {
            const std::size_t afterProvider = colon + 1;
            const std::size_t pathEnd = v.find(':', afterProvider);
            if (pathEnd != std::string::npos && pathEnd < limit) {
                const std::size_t close = v.find('}', pathEnd + 1);
                if (close != std::string::npos && close < limit) {
                    return Reference{start, close + 1, v.substr(body, colon - body),
                                     v.substr(afterProvider, pathEnd - afterProvider),
                                     v.substr(pathEnd + 1, close - pathEnd - 1)};
                }
            }
            const std::size_t close = v.find('}', afterProvider);
            if (close != std::string::npos && close < limit) {
                return Reference{start, close + 1, v.substr(body, colon - body), std::string(),
                                 v.substr(afterProvider, close - afterProvider)};
            }
        }
    }
    return std::nullopt;
}

// Path.normalize() without trailing empty elements, so "/a/b/" and "/a/b" compare equal.
fs::path normalised(const std::string& text)
{
    fs::path p = fs::path(text).lexically_normal();
    std::string s = p.string();
    while (s.size() > 1 && s.back() == '/') {
        s.pop_back();
    }
    return fs::path(s);
}

// org.apache.kafka.common.config.internals.AllowedPaths.
class AllowedPaths {
public:
    explicit AllowedPaths(const std::string& configValue)
    {
        if (configValue.empty()) {
            return;
        }
        m_paths.emplace();
        std::stringstream ss(configValue);
        std::string part;
        while (std::getline(ss, part, ',')) {
            const fs::path p = normalised(part);
            std::error_code ec;
            if (!p.is_absolute() || !fs::exists(p, ec)) {
                throw sdk::ConfigException("Path " + p.string() +
                                           " is not valid. The path should be absolute and exist");
            }
            m_paths->push_back(p);
        }
    }

    // Path.startsWith is by whole name elements: /tmp/ab is not inside /tmp/a.
    bool allows(const std::string& path) const
    {
        if (!m_paths) {
            return true;
        }
        const fs::path candidate = normalised(path);
        for (const auto& allowed : *m_paths) {
            auto a = allowed.begin();
            auto c = candidate.begin();
            for (; a != allowed.end() && c != candidate.end() && *a == *c; ++a, ++c) {
            }
            if (a == allowed.end()) {
                return true;
            }
        }
        return false;
    }

private:
    std::optional<std::vector<fs::path>> m_paths;
};

// The file and directory providers: a path, checked against allowed.paths before anything is read.
class PathConfigProvider : public ConfigProvider {
public:
    explicit PathConfigProvider(const ConfigMap& params)
        : m_allowed(params.count("allowed.paths") ? params.at("allowed.paths") : std::string())
    {
    }

protected:
    // False (nothing to read) for an empty path, and for one outside allowed.paths, which is logged.
    bool readable(const std::string& path) const
    {
        if (path.empty()) {
            return false;
        }
        if (!m_allowed.allows(path)) {
            areaLogger("worker")->warn("The path {} is not allowed to be read", path);
            return false;
        }
        return true;
    }

private:
    AllowedPaths m_allowed;
};

class FileConfigProvider : public PathConfigProvider {
public:
    using PathConfigProvider::PathConfigProvider;
    std::map<std::string, std::string> get(const std::string& path,
                                           const std::set<std::string>& keys) const override
    {
        std::map<std::string, std::string> out;
        if (!readable(path)) {
            return out;
        }
        ConfigMap props;
        try {
            props = readPropertiesFile(path);
        } catch (const std::exception&) {
            throw sdk::ConfigException("Could not read properties from file " + path);
        }
        for (const auto& k : keys) {
            if (auto it = props.find(k); it != props.end()) {
                out.emplace(k, it->second);
            }
        }
        return out;
    }
};

class DirectoryConfigProvider : public PathConfigProvider {
public:
    using PathConfigProvider::PathConfigProvider;
    std::map<std::string, std::string> get(const std::string& path,
                                           const std::set<std::string>& keys) const override
    {
        std::map<std::string, std::string> out;
        if (!readable(path)) {
            return out;
        }
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            areaLogger("worker")->warn("The path {} is not a directory", path);
            return out;
        }
        for (const auto& k : keys) {
            const fs::path file = fs::path(path) / k;
            // Only regular files directly in the directory, as Files.list + isRegularFile.
            if (k.find('/') != std::string::npos || !fs::is_regular_file(file, ec)) {
                continue;
            }
            std::ifstream in(file, std::ios::binary);
            if (!in) {
                throw sdk::ConfigException("Could not read file " + file.string() + " for property " + k);
            }
            std::stringstream ss;
            ss << in.rdbuf();
            out.emplace(k, ss.str());
        }
        return out;
    }
};

class EnvVarConfigProvider : public ConfigProvider {
public:
    explicit EnvVarConfigProvider(const ConfigMap& params)
    {
        const auto it = params.find("allowlist.pattern");
        m_pattern = QRegularExpression(QString::fromStdString(it != params.end() ? it->second : ".*"));
        if (!m_pattern.isValid()) {
            throw sdk::ConfigException("allowlist.pattern", it->second,
                                       m_pattern.errorString().toStdString());
        }
    }
    std::map<std::string, std::string> get(const std::string& path,
                                           const std::set<std::string>& keys) const override
    {
        if (!path.empty()) {
            throw sdk::ConfigException("Path is not supported for EnvVarConfigProvider, invalid value '" +
                                       path + "'");
        }
        std::map<std::string, std::string> out;
        for (const auto& k : keys) {
            // Pattern.asPredicate(): a match anywhere in the name.
            if (!m_pattern.match(QString::fromStdString(k)).hasMatch()) {
                continue;
            }
            if (const char* v = std::getenv(k.c_str())) {
                out.emplace(k, v);
            }
        }
        return out;
    }

private:
    QRegularExpression m_pattern;
};

// Class names and the aliases Apache's plugin scanner gives them (simple name, and the simple
// name without its "ConfigProvider" suffix).
std::shared_ptr<const ConfigProvider> newProvider(const std::string& className, const ConfigMap& params)
{
    const auto is = [&className](const char* simple, const char* pruned) {
        return className == std::string("org.apache.kafka.common.config.provider.") + simple ||
               className == simple || className == pruned;
    };
    if (is("FileConfigProvider", "File")) {
        return std::make_shared<FileConfigProvider>(params);
    }
    if (is("DirectoryConfigProvider", "Directory")) {
        return std::make_shared<DirectoryConfigProvider>(params);
    }
    if (is("EnvVarConfigProvider", "EnvVar")) {
        return std::make_shared<EnvVarConfigProvider>(params);
    }
    throw sdk::ConfigException(
        "Failed to find any class that implements ConfigProvider and which name matches " + className);
}

} // namespace

ConfigProviders ConfigProviders::fromWorkerProperties(const ConfigMap& props)
{
    ConfigProviders out;
    const auto list = props.find("config.providers");
    if (list == props.end()) {
        return out;
    }
    std::stringstream ss(list->second);
    std::string name;
    while (std::getline(ss, name, ',')) {
        const auto first = name.find_first_not_of(" \t");
        const auto last = name.find_last_not_of(" \t");
        name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
        if (name.empty()) {
            continue;
        }
        const std::string prefix = "config.providers." + name;
        const auto cls = props.find(prefix + ".class");
        if (cls == props.end()) {
            continue;
        }
        ConfigMap params;
        const std::string paramPrefix = prefix + ".param.";
        for (const auto& [k, v] : props) {
            if (k.size() > paramPrefix.size() && k.compare(0, paramPrefix.size(), paramPrefix) == 0) {
                params.emplace(k.substr(paramPrefix.size()), v);
            }
        }
        out.m_providers[name] = newProvider(cls->second, params);
    }
    return out;
}

std::set<std::string> ConfigProviders::names() const
{
    std::set<std::string> out;
    for (const auto& [n, p] : m_providers) {
        out.insert(n);
    }
    return out;
}

bool ConfigProviders::hasReference(const std::string& value)
{
    return nextReference(value, 0).has_value();
}

ConfigMap ConfigProviders::transform(const ConfigMap& config, const std::string& context) const
{
    // Collect the keys per provider and path first, so each file is read once.
    std::map<std::string, std::map<std::string, std::set<std::string>>> wanted;
    for (const auto& [k, v] : config) {
        if (v.find("${") == std::string::npos) {
            continue;
        }
        for (auto r = nextReference(v, 0); r; r = nextReference(v, r->end)) {
            wanted[r->provider][r->path].insert(r->key);
        }
    }
    if (wanted.empty()) {
        return config;
    }
    std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> found;
    for (const auto& [provider, paths] : wanted) {
        const auto p = m_providers.find(provider);
        if (p == m_providers.end()) {
            continue;
        }
        for (const auto& [path, keys] : paths) {
            found[provider][path] = p->second->get(path, keys);
        }
    }
    auto log = areaLogger("worker");
    ConfigMap out = config;
    for (auto& [k, v] : out) {
        if (v.find("${") == std::string::npos) {
            continue;
        }
        const std::string raw = v;
        std::string replaced;
        std::size_t last = 0;
        for (auto ref = nextReference(raw, 0); ref; ref = nextReference(raw, ref->end)) {
            const Reference& r = *ref;
            const std::string text = raw.substr(r.begin, r.end - r.begin);
            replaced.append(raw, last, r.begin - last);
            last = r.end;
            const auto byProvider = found.find(r.provider);
            if (byProvider == found.end()) {
                log->warn("[{}] Config '{}': no config provider named '{}' for {}; the reference is kept",
                          context, k, r.provider, text);
                replaced += text;
                continue;
            }
            const auto& values = byProvider->second[r.path];
            const auto value = values.find(r.key);
            if (value == values.end()) {
                log->warn("[{}] Config '{}': provider '{}' has no value for {}; the reference is kept",
                          context, k, r.provider, text);
                replaced += text;
                continue;
            }
            replaced += value->second;
        }
        replaced.append(raw, last, std::string::npos);
        v = std::move(replaced);
    }
    return out;
}

ConfigMap ConfigProviders::reverseTransform(const ConfigMap& rawConnectorConfig, ConfigMap taskConfig)
{
    for (const auto& [k, v] : rawConnectorConfig) {
        if (auto it = taskConfig.find(k); it != taskConfig.end() && hasReference(v)) {
            it->second = v;
        }
    }
    return taskConfig;
}

} // namespace connectdesk::runtime
