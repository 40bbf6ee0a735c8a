// Config providers (spec/connect-data-and-config.md §4.1; Apache's FileConfigProvider,
// DirectoryConfigProvider, EnvVarConfigProvider and ConfigTransformer): resolution, references
// that stay as written, allowed.paths and allowlist.pattern; then a FileStreamSink on the sandbox
// whose `file` is a ${file:...} reference writes to the resolved path while every herder answer
// keeps the reference.
#include "converters/converter_registry.h"
#include "herder_test_util.h"
#include "kafka/sandbox_cluster.h"
#include "runtime/config_providers.h"
#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"

#include <connectdesk/sdk/errors.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>

using namespace connectdesk::runtime;
using namespace connectdesk::runtime::testutil;
namespace sdk = connectdesk::sdk;

class TestConfigProviders : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    std::string p(const char* name) const { return path(name).toStdString(); }
    static void write(const QString& file, const QByteArray& text)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }
    ConfigProviders providers(ConfigMap extra = {}) const
    {
        ConfigMap props{
            {"config.providers", "file,env,dir"},
            {"config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"},
            {"config.providers.env.class", "EnvVarConfigProvider"},
            {"config.providers.dir.class", "Directory"}};
        for (auto& [k, v] : extra) {
            props[k] = v;
        }
        return ConfigProviders::fromWorkerProperties(props);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write(path("secrets.properties"),
              "user=alice\npassword=s3cr3t\nout=" + path("resolved-out.txt").toUtf8() + "\n");
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("secrets.d")));
        write(path("secrets.d/token"), QByteArrayLiteral("tok-123"));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("elsewhere")));
        write(path("elsewhere/other.properties"), QByteArrayLiteral("password=not-for-you\n"));
        ::setenv("CD_TEST_SECRET", "from-env", 1);
        ::setenv("CD_OTHER", "hidden", 1);
    }

    void resolves_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("expected");
        const auto q = [](const std::string& text) { return QString::fromStdString(text); };
        const std::string f = p("secrets.properties");
        const std::string d = p("secrets.d");
        QTest::newRow("file") << q("${file:" + f + ":password}") << q("s3cr3t");
        QTest::newRow("embedded twice")
            << q("u=${file:" + f + ":user};p=${file:" + f + ":password}") << q("u=alice;p=s3cr3t");
        QTest::newRow("env") << q("${env:CD_TEST_SECRET}") << q("from-env");
        QTest::newRow("dir") << q("${dir:" + d + ":token}") << q("tok-123");
        QTest::newRow("unknown key stays") << q("${file:" + f + ":nope}") << q("${file:" + f + ":nope}");
        QTest::newRow("unknown provider stays") << q("${vault:/x:y}") << q("${vault:/x:y}");
        QTest::newRow("missing env var stays")
            << q("${env:CD_NOT_SET_ANYWHERE}") << q("${env:CD_NOT_SET_ANYWHERE}");
        QTest::newRow("missing dir file stays") << q("${dir:" + d + ":nope}") << q("${dir:" + d + ":nope}");
        QTest::newRow("no reference") << q("plain ${notareference}") << q("plain ${notareference}");
    }
    void resolves()
    {
        QFETCH(QString, raw);
        QFETCH(QString, expected);
        const auto out = providers().transform({{"k", raw.toStdString()}, {"other", "x"}}, "test");
        QCOMPARE(QString::fromStdString(out.at("k")), expected);
        QCOMPARE(out.at("other"), std::string("x"));
    }

    // ConfigTransformer's pattern splits as Java's backtracking does: the path runs to the first
    // ':' after the provider even across a '}', and '.' stops at line terminators.
    void referencesSplitAsJava()
    {
        const std::string f = p("secrets.properties");
        try {
            providers().transform({{"k", "${file:" + f + "}x:password}"}}, "test");
            QFAIL("no exception");
        } catch (const sdk::ConfigException& e) {
            QCOMPARE(std::string(e.what()), "Could not read properties from file " + f + "}x");
        }
        const std::string broken = "${file:" + f + "\n:password}";
        QCOMPARE(providers().transform({{"k", broken}}, "test").at("k"), broken);
        QVERIFY(!ConfigProviders::hasReference(broken));
        // Long values are scanned without recursion (std::regex overflowed the stack here).
        const std::string filler(200000, 'x');
        const auto out = providers().transform({{"k", filler + " ${file:" + f + ":user}"}}, "test");
        QCOMPARE(out.at("k"), filler + " alice");
        // An unclosed "${" swallows what follows into its provider name, as in Java: kept as is.
        const std::string swallowed = "${" + filler + " ${file:" + f + ":user}";
        QCOMPARE(providers().transform({{"k", swallowed}}, "test").at("k"), swallowed);
    }

    void unreadableFileIsAConfigError()
    {
        try {
            providers().transform({{"k", "${file:" + p("missing.properties") + ":a}"}}, "test");
            QFAIL("no exception");
        } catch (const sdk::ConfigException& e) {
            QCOMPARE(std::string(e.what()), "Could not read properties from file " + p("missing.properties"));
        }
    }

    void allowedPaths()
    {
        const auto restricted =
            providers({{"config.providers.file.param.allowed.paths", p("secrets.properties")},
                       {"config.providers.dir.param.allowed.paths", p("secrets.d")}});
        const std::string allowed = "${file:" + p("secrets.properties") + ":password}";
        const std::string outside = "${file:" + p("elsewhere/other.properties") + ":password}";
        // A ../ walk out of the allowed path is normalised before the check.
        const std::string escape = "${file:" + p("secrets.d") + "/../elsewhere/other.properties:password}";
        const auto out = restricted.transform(
            {{"a", allowed}, {"b", outside}, {"c", escape}, {"d", "${dir:" + p("secrets.d") + ":token}"}},
            "test");
        QCOMPARE(out.at("a"), std::string("s3cr3t"));
        QCOMPARE(out.at("b"), outside);
        QCOMPARE(out.at("c"), escape);
        QCOMPARE(out.at("d"), std::string("tok-123"));
        // A sibling whose name merely starts with an allowed directory's name is outside it.
        const auto dirOnly = providers({{"config.providers.file.param.allowed.paths", p("secrets.d")}});
        const std::string sibling = "${file:" + p("secrets.properties") + ":user}";
        QCOMPARE(dirOnly.transform({{"a", sibling}}, "test").at("a"), sibling);
    }

    void invalidAllowedPathsRefused_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        const auto q = [](const std::string& text) { return QString::fromStdString(text); };
        QTest::newRow("relative")
            << q("relative/dir")
            << q("Path relative/dir is not valid. The path should be absolute and exist");
        QTest::newRow("missing") << q(p("nope"))
                                 << q("Path " + p("nope") +
                                      " is not valid. The path should be absolute and exist");
    }
    void invalidAllowedPathsRefused()
    {
        QFETCH(QString, value);
        QFETCH(QString, message);
        try {
            providers({{"config.providers.file.param.allowed.paths", value.toStdString()}});
            QFAIL("no exception");
        } catch (const sdk::ConfigException& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    void envAllowlistAndPath()
    {
        const auto env = providers({{"config.providers.env.param.allowlist.pattern", "^CD_TEST_"}});
        const auto out = env.transform({{"a", "${env:CD_TEST_SECRET}"}, {"b", "${env:CD_OTHER}"}}, "test");
        QCOMPARE(out.at("a"), std::string("from-env"));
        QCOMPARE(out.at("b"), std::string("${env:CD_OTHER}"));
        try {
            providers().transform({{"a", "${env:/etc:CD_TEST_SECRET}"}}, "test");
            QFAIL("no exception");
        } catch (const sdk::ConfigException& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("Path is not supported for EnvVarConfigProvider, invalid value '/etc'"));
        }
    }

    void classesAndAliases()
    {
        for (const char* cls : {"org.apache.kafka.common.config.provider.DirectoryConfigProvider",
                                "DirectoryConfigProvider", "Directory"}) {
            const auto ps = ConfigProviders::fromWorkerProperties(
                {{"config.providers", "d"}, {"config.providers.d.class", cls}});
            QCOMPARE(ps.names(), std::set<std::string>{"d"});
        }
        // Listed without a class: skipped, its references stay.
        QVERIFY(ConfigProviders::fromWorkerProperties({{"config.providers", "x"}}).empty());
        try {
            ConfigProviders::fromWorkerProperties(
                {{"config.providers", "x"}, {"config.providers.x.class", "com.acme.Vault"}});
            QFAIL("no exception");
        } catch (const sdk::ConfigException& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("Failed to find any class that implements ConfigProvider and which name "
                                 "matches com.acme.Vault"));
        }
    }

    void reverseTransformKeepsReferences()
    {
        const ConfigMap raw{{"file", "${file:/s.properties:out}"}, {"topics", "t"}};
        const auto task = ConfigProviders::reverseTransform(
            raw, {{"file", "/resolved"}, {"topics", "t"}, {"task.class", "X"}});
        QCOMPARE(task.at("file"), std::string("${file:/s.properties:out}"));
        QCOMPARE(task.at("topics"), std::string("t"));
        QCOMPARE(task.at("task.class"), std::string("X"));
    }

    // Worker properties are resolved too (AbstractConfig), except plugin.path.
    void workerPropertiesResolved()
    {
        const std::string f = p("secrets.properties");
        const auto config =
            WorkerConfig::parse({{"config.providers", "file"},
                                 {"config.providers.file.class", "FileConfigProvider"},
                                 {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                 {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                 {"offset.storage.file.filename", p("w.offsets")},
                                 {"producer.sasl.password", "${file:" + f + ":password}"},
                                 {"plugin.path", "${file:" + f + ":user}"}});
        QCOMPARE(config.withPrefix("producer.").at("sasl.password"), std::string("s3cr3t"));
        QCOMPARE(config.pluginPath, std::vector<std::string>{"${file:" + f + ":user}"});
    }

    // The herder hands the sink the resolved path; config, task configs and validation keep the
    // reference.
    void sinkWritesToResolvedPath()
    {
        connectdesk::kafka::SandboxCluster kafka;
        kafka.start();
        kafka.createTopic("providers", 1);
        Plugins plugins;
        plugins.loadPluginPath(defaultPluginDirs());
        QVERIFY2(plugins.findConnector("FileStreamSink") != nullptr, "connect-file plugin not found");
        plugins.addBuiltinConverters();
        const auto config =
            WorkerConfig::parse({{"bootstrap.servers", "sandbox"},
                                 {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                 {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                 {"offset.storage.file.filename", p("providers.offsets")},
                                 {"offset.flush.interval.ms", "500"},
                                 {"config.providers", "file"},
                                 {"config.providers.file.class", "FileConfigProvider"},
                                 {"config.providers.file.param.allowed.paths", m_dir.path().toStdString()}});
        StandaloneHerder herder(config, plugins, "127.0.0.1:8083", kafka.bootstrapServers(), "sandbox");
        herder.start();
        appendLines(path("providers-in.txt"), 0, 50);
        const std::string reference = "${file:" + p("secrets.properties") + ":out}";
        const ConfigMap sink{
            {"connector.class", "FileStreamSink"}, {"file", reference}, {"topics", "providers"}};
        const ConfigMap source{
            {"connector.class", "FileStreamSource"}, {"file", p("providers-in.txt")}, {"topic", "providers"}};
        for (const auto& [name, cfg] : {std::pair{"prov-sink", sink}, std::pair{"prov-src", source}}) {
            auto r = sync<PutConfigOutcome>(
                [&](auto cb) { herder.putConnectorConfig(name, cfg, std::nullopt, true, cb); });
            QVERIFY2(r.ok(), r.ok() ? "" : r.error->message.c_str());
            QCOMPARE(r.value->info.config.at("file"), cfg.at("file"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("resolved-out.txt")), qint64{50}, 30000);
        QCOMPARE(md5Of(path("resolved-out.txt")), md5Of(path("providers-in.txt")));
        // Nothing was written under the literal reference text.
        QVERIFY(!QFile::exists(QString::fromStdString(reference)));

        auto cfg = sync<ConfigMap>([&](auto cb) { herder.connectorConfig("prov-sink", cb); });
        QCOMPARE(cfg.value->at("file"), reference);
        auto tasks = sync<std::vector<TaskInfo>>([&](auto cb) { herder.taskConfigs("prov-sink", cb); });
        QCOMPARE(tasks.value->size(), std::size_t{1});
        QCOMPARE(tasks.value->front().config.at("file"), reference);
        auto info = sync<ConnectorInfo>([&](auto cb) { herder.connectorInfo("prov-sink", cb); });
        QCOMPARE(info.value->config.at("file"), reference);
        ConfigMap toValidate = sink;
        toValidate["name"] = "prov-sink";
        auto validated = sync<ConfigInfos>([&](auto cb) { herder.validateConnectorConfig(toValidate, cb); });
        QVERIFY(validated.ok());
        bool sawFile = false;
        for (const auto& ci : validated.value->configs) {
            if (ci.value && ci.value->name == "file") {
                sawFile = true;
                QCOMPARE(ci.value->value.value_or(""), reference);
            }
        }
        QVERIFY(sawFile);
        herder.stop();
    }
};

QTEST_GUILESS_MAIN(TestConfigProviders)
#include "tst_config_providers.moc"
