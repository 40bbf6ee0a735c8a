// The plugin loader: the real FileStream plugin loads with Apache's names and aliases; a plugin
// of another ABI, a non-plugin library and a bad directory are skipped with clear messages.
#include "runtime/plugins.h"

#include <connectdesk/sdk/sdk_version.h>

#include <QtTest>

using connectdesk::runtime::Plugins;

class TestPlugins : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fileStreamPlugin()
    {
        Plugins plugins;
        QVERIFY(plugins.loadPluginPath({CONNECTDESK_TEST_PLUGIN_DIR}).empty());
        for (const char* name : {"FileStreamSource", "FileStreamSourceConnector",
                                 "org.apache.kafka.connect.file.FileStreamSourceConnector"}) {
            const auto* e = plugins.findConnector(name);
            QVERIFY2(e != nullptr, name);
            QCOMPARE(e->plugin.className,
                     std::string("org.apache.kafka.connect.file.FileStreamSourceConnector"));
        }
        QVERIFY(plugins.newSourceTask("org.apache.kafka.connect.file.FileStreamSourceTask") != nullptr);
        QVERIFY(plugins.newSinkTask("org.apache.kafka.connect.file.FileStreamSinkTask") != nullptr);
        std::string error;
        QVERIFY(plugins.findConnector("Nope", &error) == nullptr);
        QVERIFY(error.rfind("Failed to find any class that implements Connector and which name matches Nope, "
                            "available connectors are: PluginDesc{klass=class "
                            "org.apache.kafka.connect.file.FileStreamSourceConnector",
                            0) == 0 ||
                error.find("PluginDesc{klass=class org.apache.kafka.connect.file.FileStreamSinkConnector") !=
                    std::string::npos);
        const auto infos = plugins.pluginInfos(true);
        QCOMPARE(infos.size(), std::size_t{2});
        QCOMPARE(infos[0].type, std::string("sink")); // sinks first (spec REST §4.21)
        QCOMPARE(infos[1].type, std::string("source"));
    }

    void ambiguousAlias()
    {
        Plugins plugins;
        connectdesk::sdk::PluginDescriptor d;
        d.connectors.push_back({"a.SameConnector", {}, "1", connectdesk::sdk::ConnectorKind::Source, {}});
        d.connectors.push_back({"b.SameConnector", {}, "1", connectdesk::sdk::ConnectorKind::Sink, {}});
        plugins.addDescriptor(d, "test");
        std::string error;
        QVERIFY(plugins.findConnector("Same", &error) == nullptr);
        QCOMPARE(error,
                 std::string("More than one connector matches alias Same. Please use full package and class "
                             "name instead. Classes found: a.SameConnector, b.SameConnector"));
        QVERIFY(plugins.findConnector("b.SameConnector") != nullptr);
    }

    void badLibrariesAreSkipped()
    {
        Plugins plugins;
        const auto problems =
            plugins.loadPluginPath({CONNECTDESK_TEST_BAD_PLUGIN_DIR, "/nonexistent/plugins"});
        QCOMPARE(problems.size(), std::size_t{3});
        const auto has = [&](const std::string& text) {
            for (const auto& p : problems) {
                if (p.find(text) != std::string::npos) {
                    return true;
                }
            }
            return false;
        };
        QVERIFY(has("built against ConnectDesk SDK ABI 999 but this worker provides ABI " +
                    std::to_string(connectdesk::sdk::kSdkAbiVersion) + "; rebuild the plugin"));
        QVERIFY(has("not a ConnectDesk plugin (no connectdesk_plugin_abi_version symbol)"));
        QVERIFY(has("Plugin path entry /nonexistent/plugins is not a directory; skipped"));
        QVERIFY(plugins.connectors().empty());
    }
};

QTEST_GUILESS_MAIN(TestPlugins)
#include "tst_plugins.moc"
