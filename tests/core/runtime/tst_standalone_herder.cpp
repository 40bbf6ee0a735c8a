// The standalone herder's state machine on the sandbox (librdkafka mock) cluster with the real
// FileStream plugin loaded from the plugin dir: create/validate, file → Kafka → file, pause,
// stop + offsets (KIP-875), restart semantics, persistence across restarts, and a connector that
// hangs in start() never blocking the herder.
#include "converters/converter_registry.h"
#include "full_disk.h"
#include "herder_test_util.h"
#include "kafka/sandbox_cluster.h"
#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"
#include "runtime/worker_source_task.h"

#include <connectdesk/sdk/plugin.h>
#include <connectdesk/sdk/source_connector.h>

#include <QTemporaryDir>
#include <connectdesk/sdk/errors.h>

#include <QtTest>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>

using namespace connectdesk::runtime;
using namespace connectdesk::runtime::testutil;
namespace sdk = connectdesk::sdk;

namespace {

// A connector whose start() blocks until released: the herder must time it out and go on.
std::mutex g_hangMutex;
std::condition_variable g_hangCv;
bool g_release = false;

class HangingConnector : public sdk::SourceConnector {
public:
    std::string version() const override { return "1.0"; }
    sdk::ConfigDef config() const override { return {}; }
    void start(const sdk::ConfigMap&) override
    {
        std::unique_lock lock(g_hangMutex);
        g_hangCv.wait(lock, [] { return g_release; });
    }
    std::string taskClass() const override { return "test.HangingTask"; }
    std::vector<sdk::ConfigMap> taskConfigs(int) override { return {}; }
    void stop() override {}
};

// A source task whose destruction takes a while and is seen: a deleted connector's tasks are
// destroyed on a thread of the herder's, after the deletion has answered.
std::atomic<bool> g_slowTaskDestroyed{false};

class SlowDestroyTask : public sdk::SourceTask {
public:
    ~SlowDestroyTask() override
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        g_slowTaskDestroyed = true;
    }
    std::string version() const override { return "1.0"; }
    void start(const sdk::ConfigMap&) override {}
    std::vector<sdk::SourceRecord> poll() override
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return {};
    }
    void stop() override {}
};

class SlowDestroyConnector : public sdk::SourceConnector {
public:
    std::string version() const override { return "1.0"; }
    sdk::ConfigDef config() const override { return {}; }
    void start(const sdk::ConfigMap&) override {}
    std::string taskClass() const override { return "test.SlowDestroyTask"; }
    std::vector<sdk::ConfigMap> taskConfigs(int) override { return {sdk::ConfigMap{}}; }
    void stop() override {}
};

sdk::PluginDescriptor testPlugins()
{
    sdk::PluginDescriptor d;
    d.name = "test";
    d.connectors.push_back({"test.HangingConnector", {}, "1.0", sdk::ConnectorKind::Source, [] {
                                return std::make_unique<HangingConnector>();
                            }});
    d.connectors.push_back({"test.SlowDestroyConnector", {}, "1.0", sdk::ConnectorKind::Source, [] {
                                return std::make_unique<SlowDestroyConnector>();
                            }});
    d.sourceTasks.push_back({"test.SlowDestroyTask", [] { return std::make_unique<SlowDestroyTask>(); }});
    return d;
}

} // namespace

class TestStandaloneHerder : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<connectdesk::kafka::SandboxCluster> m_kafka;
    std::unique_ptr<Plugins> m_plugins;
    std::unique_ptr<StandaloneHerder> m_herder;

    WorkerConfig workerConfig()
    {
        return WorkerConfig::parse({{"bootstrap.servers", "sandbox"},
                                    {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                    {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                    {"offset.storage.file.filename", path("connect.offsets").toStdString()},
                                    {"offset.flush.interval.ms", "500"},
                                    {"task.shutdown.graceful.timeout.ms", "5000"},
                                    // The mock cluster holds a departed member until its session
                                    // times out; keep the restart case quick.
                                    {"consumer.session.timeout.ms", "6000"}});
    }
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    void newHerder()
    {
        StandaloneHerder::Options options;
        options.connectorCallTimeout = std::chrono::milliseconds(1500);
        m_herder = std::make_unique<StandaloneHerder>(workerConfig(), *m_plugins, "127.0.0.1:8083",
                                                      m_kafka->bootstrapServers(), "sandbox", options);
        m_herder->start();
    }
    Result<PutConfigOutcome> put(const std::string& name, ConfigMap config, bool replace = true,
                                 std::optional<TargetState> initial = std::nullopt)
    {
        return sync<PutConfigOutcome>(
            [&](auto cb) { m_herder->putConnectorConfig(name, config, initial, replace, cb); });
    }
    ConfigMap sourceConfig(const char* file, const char* topic)
    {
        return {
            {"connector.class", "FileStreamSource"}, {"file", path(file).toStdString()}, {"topic", topic}};
    }
    ConfigMap sinkConfig(const char* file, const char* topic)
    {
        return {{"connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector"},
                {"file", path(file).toStdString()},
                {"topics", topic}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_kafka = std::make_unique<connectdesk::kafka::SandboxCluster>();
        m_kafka->start();
        for (const char* t : {"lines", "paused", "offsets", "smt-raw", "smt-clean"}) {
            m_kafka->createTopic(t, 1);
        }
        m_plugins = std::make_unique<Plugins>();
        const auto problems = m_plugins->loadPluginPath(defaultPluginDirs());
        QVERIFY2(m_plugins->findConnector("FileStreamSource") != nullptr, "connect-file plugin not found");
        m_plugins->addBuiltinConverters();
        m_plugins->addDescriptor(testPlugins(), "test");
        newHerder();
        QVERIFY(m_herder->ready());
    }
    // With no broker, nothing sent is ever acknowledged (delivery.timeout.ms is unbounded), so the
    // source fills its in-flight bound and waits; a pause must still take effect, and a stop too.
    // The record bound: batch.num.messages for each request in flight and two more queued.
    void sourceInFlightBoundCountsTheRequests()
    {
        using Limit = WorkerSourceTask::InFlightLimit;
        const auto records = [](ConfigMap props) { return Limit::fromProducerProps(props).records; };
        QCOMPARE(records({}), std::int64_t{30000});
        QCOMPARE(Limit::fromProducerProps({}).bytes, std::int64_t{32} * 1024 * 1024);
        QCOMPARE(records({{"max.in.flight.requests.per.connection", "1"}}), std::int64_t{30000});
        QCOMPARE(records({{"batch.num.messages", "300"}}), std::int64_t{900});
        QCOMPARE(records({{"batch.num.messages", "300"}, {"max.in.flight.requests.per.connection", "5"}}),
                 std::int64_t{2100});
        QCOMPARE(records({{"max.in.flight", "2"}}), std::int64_t{40000}); // librdkafka's alias
        // librdkafka's largest max.in.flight: buffer.memory bounds the bytes, 18 requests the records.
        QCOMPARE(records({{"max.in.flight.requests.per.connection", "1000000"}}), std::int64_t{180000});
        QVERIFY_THROWS_EXCEPTION(sdk::ConfigException,
                                 records({{"max.in.flight.requests.per.connection", "0"}}));
        QVERIFY_THROWS_EXCEPTION(sdk::ConfigException, records({{"batch.num.messages", "ten"}}));
    }

    void pauseWhileInFlightBoundIsFull()
    {
        appendLines(path("dead-in.txt"), 0, 100);
        auto config =
            WorkerConfig::parse({{"bootstrap.servers", "127.0.0.1:1"}, // nothing listens there
                                 {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                 {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                                 {"offset.storage.file.filename", path("dead.offsets").toStdString()},
                                 {"task.shutdown.graceful.timeout.ms", "5000"}});
        StandaloneHerder::Options options;
        options.connectorCallTimeout = std::chrono::milliseconds(1500);
        StandaloneHerder dead(config, *m_plugins, "127.0.0.1:8084", "127.0.0.1:1", "dead", options);
        dead.start();
        auto source = sourceConfig("dead-in.txt", "dead-topic");
        source["producer.override.batch.num.messages"] = "10";
        QVERIFY(sync<PutConfigOutcome>([&](auto cb) {
                    dead.putConnectorConfig("dead-src", source, std::nullopt, true, cb);
                }).ok());
        const auto active = [&] {
            const auto all = dead.taskMetrics();
            const auto it = all.find(TaskId{"dead-src", 0});
            return it == all.end() ? -1.0 : it->second.at("source-record-active-count");
        };
        // The bound (10 records for the request in flight, 20 for the next two) is full, nothing is
        // acked.
        QTRY_COMPARE_WITH_TIMEOUT(active(), 30.0, 10000);
        QVERIFY(sync<Empty>([&](auto cb) { dead.pauseConnector("dead-src", cb); }).ok());
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(dead, "dead-src", State::Paused), 5000);
        dead.stop();
    }

    // A deletion answers at once, as Apache's does; the connector's tasks then close (their last
    // offset commit) and are destroyed on a thread of their own, and they point into the herder (its
    // config, offset store and transforms). A herder
    // destroyed right after a deletion must wait for them: the console's embedded worker is torn
    // down exactly so when a user deletes a connector and quits (a use-after-free under ASan, and
    // once a "double free or corruption" abort in test_console_observe, before the herder waited).
    void destroyedHerderWaitsForTasksOfDeletedConnectors()
    {
        g_slowTaskDestroyed = false;
        QVERIFY(put("slow-destroy", {{"connector.class", "test.SlowDestroyConnector"}}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(*m_herder, "slow-destroy", State::Running), 10000);
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->deleteConnector("slow-destroy", cb); }).ok());
        QVERIFY(!g_slowTaskDestroyed.load()); // still being destroyed: the case under test
        m_herder.reset();
        QVERIFY2(g_slowTaskDestroyed.load(), "the herder was gone before the deleted connector's task");
        newHerder();
        QVERIFY(m_herder->ready());
    }
    void cleanupTestCase()
    {
        {
            std::lock_guard lock(g_hangMutex);
            g_release = true;
        }
        g_hangCv.notify_all();
        m_herder.reset();
    }

    void pluginsAndAliases()
    {
        const auto infos = m_herder->plugins(true);
        QCOMPARE(infos.size(), std::size_t{4});
        QCOMPARE(infos[0].className, std::string("org.apache.kafka.connect.file.FileStreamSinkConnector"));
        QCOMPARE(infos[0].type, std::string("sink"));
        for (const char* alias : {"FileStreamSink", "FileStreamSinkConnector",
                                  "org.apache.kafka.connect.file.FileStreamSinkConnector"}) {
            QVERIFY(m_plugins->findConnector(alias) != nullptr);
        }
        const auto cfg = m_herder->pluginConfig("FileStreamSink");
        QVERIFY(cfg.ok());
        QCOMPARE(cfg.value->front().name, std::string("file"));
        QCOMPARE(m_herder->pluginConfig("Nope").error->message, std::string("Unknown plugin Nope."));
    }

    void validationErrors()
    {
        auto r = put("bad-source", {{"connector.class", "FileStreamSource"}, {"tasks.max", "0"}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error->status, 400);
        QCOMPARE(r.error->message,
                 std::string("Connector configuration is invalid and contains the following 2 error(s):\n"
                             "Invalid value 0 for configuration tasks.max: Value must be at least 1\n"
                             "Missing required configuration \"topic\" which has no default value.\n"
                             "You can also find the above list of errors at the endpoint "
                             "`/connector-plugins/{connectorType}/config/validate`"));
        auto noClass = put("x", {{"file", "a"}});
        QCOMPARE(noClass.error->status, 400);
        QCOMPARE(noClass.error->message,
                 std::string("Connector config {file=a, name=x} contains no connector type"));
        auto mismatch = put("x", {{"name", "y"}, {"connector.class", "FileStreamSource"}});
        QCOMPARE(mismatch.error->message,
                 std::string("Connector name configuration (y) doesn't match connector name in the URL (x)"));
        auto unknown = sync<ConnectorStateInfo>([&](auto cb) { m_herder->connectorStatus("nope", cb); });
        QCOMPARE(unknown.error->message, std::string("No status found for connector nope"));
    }

    // topic.creation.* of a source is checked when the config is validated (spec §5.4), not
    // only when its task first sends.
    void topicCreationValidated()
    {
        auto config = sourceConfig("tc.txt", "lines");
        config["topic.creation.default.replication.factor"] = "1";
        auto r = put("tc-invalid", config);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->status, 400);
        QCOMPARE(
            r.error->message,
            std::string("Connector configuration is invalid and contains the following 1 error(s):\n"
                        "Missing required configuration \"topic.creation.default.partitions\" which has no "
                        "default value.\n"
                        "You can also find the above list of errors at the endpoint "
                        "`/connector-plugins/{connectorType}/config/validate`"));
        config["topic.creation.default.partitions"] = "1";
        QVERIFY(put("tc-valid", config).ok());
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->deleteConnector("tc-valid", cb); }).ok());
    }

    // The connector's own converters validate their keys (KIP-769; AbstractHerder.
    // validateConverterConfig): listed by validate in Apache's order, and a bad value refuses the
    // create or update with Apache's 400 (messages as Apache Kafka Connect 4.1.1 answers them)
    // instead of failing the task later.
    void converterKeysValidated()
    {
        auto config = sourceConfig("conv.txt", "lines");
        config["name"] = "conv-src";
        config["key.converter"] = "org.apache.kafka.connect.storage.StringConverter";
        config["value.converter"] = "JsonConverter";
        config["value.converter.schemas.enable"] = "false";
        const auto infos = sync<ConfigInfos>([&](auto cb) { m_herder->validateConnectorConfig(config, cb); });
        QVERIFY(infos.ok());
        QCOMPARE(infos.value->errorCount, 0);
        std::vector<std::string> listed;
        for (const auto& ci : infos.value->configs) {
            if (ci.value && (ci.value->name.rfind("key.converter.", 0) == 0 ||
                             ci.value->name.rfind("value.converter.", 0) == 0 ||
                             ci.value->name.rfind("header.converter.", 0) == 0)) {
                listed.push_back(ci.value->name + "=" + ci.value->value.value_or("null"));
            }
        }
        QCOMPARE(listed, (std::vector<std::string>{
                             "key.converter.converter.type=key", "key.converter.converter.encoding=UTF-8",
                             "value.converter.decimal.format=BASE64", "value.converter.converter.type=value",
                             "value.converter.schemas.cache.size=1000",
                             "value.converter.replace.null.with.default=true",
                             "value.converter.schemas.enable=false"}));
        // The class entries as Apache 4.1 shows them: an alias by its full name, the worker's converter
        // as the default and value of a key the connector leaves out, installed classes recommended.
        const auto entry = [&infos](const std::string& name) {
            return std::find_if(infos.value->configs.begin(), infos.value->configs.end(),
                                [&name](const auto& ci) { return ci.value && ci.value->name == name; });
        };
        QCOMPARE(entry("value.converter")->value->value,
                 std::optional<std::string>("org.apache.kafka.connect.json.JsonConverter"));
        const auto header = entry("header.converter");
        QCOMPARE(header->definition->defaultValue,
                 std::optional<std::string>("org.apache.kafka.connect.storage.SimpleHeaderConverter"));
        QCOMPARE(header->value->value, header->definition->defaultValue);
        const auto& recommended = header->value->recommendedValues;
        QVERIFY(std::find(recommended.begin(), recommended.end(),
                          "org.apache.kafka.connect.storage.SimpleHeaderConverter") != recommended.end());
        QVERIFY(std::is_sorted(recommended.begin(), recommended.end()));
        const auto& groups = infos.value->groups;
        QVERIFY(groups.size() >= 2);
        QCOMPARE(groups[groups.size() - 2], std::string("Serialization"));
        QCOMPARE(groups.back(), std::string("Schemas"));

        // Converters the worker supplies are not the connector's: nothing listed.
        const auto plain = sync<ConfigInfos>(
            [&](auto cb) { m_herder->validateConnectorConfig(sourceConfig("conv.txt", "lines"), cb); });
        QVERIFY(plain.ok());
        QVERIFY(std::none_of(plain.value->configs.begin(), plain.value->configs.end(), [](const auto& ci) {
            return ci.value && ci.value->name.find(".converter.") != std::string::npos;
        }));

        const std::string refused =
            "Connector configuration is invalid and contains the following 1 error(s):\n"
            "Invalid value maybe for configuration schemas.enable: Expected value to be either true or "
            "false\n"
            "You can also find the above list of errors at the endpoint "
            "`/connector-plugins/{connectorType}/config/validate`";
        auto bad = config;
        bad["value.converter.schemas.enable"] = "maybe";
        const auto created = put("conv-src", bad, false);
        QVERIFY(!created.ok());
        QCOMPARE(created.error->status, 400);
        QCOMPARE(created.error->message, refused);
        QCOMPARE(sync<ConnectorInfo>([&](auto cb) { m_herder->connectorInfo("conv-src", cb); }).error->status,
                 404);

        // An update is refused the same way and leaves the running config as it was.
        QVERIFY(put("conv-src", config, false).ok());
        const auto updated = put("conv-src", bad, true);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error->status, 400);
        QCOMPARE(updated.error->message, refused);
        const auto kept = sync<ConfigMap>([&](auto cb) { m_herder->connectorConfig("conv-src", cb); });
        QVERIFY(kept.ok());
        QCOMPARE(kept.value->at("value.converter.schemas.enable"), std::string("false"));
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->deleteConnector("conv-src", cb); }).ok());
    }

    // connector.client.config.override.policy (KIP-458): the policy's names, and a worker with
    // None refusing an override at validation with Apache's message.
    void clientOverridePolicy()
    {
        using connectdesk::runtime::ClientOverridePolicy;
        QCOMPARE(ClientOverridePolicy().name(), std::string("All"));
        QCOMPARE(ClientOverridePolicy::fromWorkerValue(
                     "org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy")
                     .name(),
                 std::string("Principal"));
        QCOMPARE(ClientOverridePolicy::fromWorkerValue("NoneConnectorClientConfigOverridePolicy").name(),
                 std::string("None"));
        try {
            ClientOverridePolicy::fromWorkerValue("Some");
            QFAIL("no error");
        } catch (const connectdesk::sdk::ConfigException& e) {
            QVERIFY2(
                std::string(e.what()).rfind("Failed to find any class that implements "
                                            "ConnectorClientConfigOverridePolicy and which name matches Some",
                                            0) == 0,
                e.what());
        }
        const ConfigMap overrides{{"producer.override.linger.ms", "50"},
                                  {"producer.override.security.protocol", "SSL"},
                                  {"consumer.override.max.poll.records", "10"},
                                  {"admin.override.client.id", "x"}};
        const auto principal =
            ClientOverridePolicy::fromWorkerValue("Principal").violations(overrides, ConnectorType::Source);
        QCOMPARE(principal.size(), std::size_t{2}); // linger.ms and the admin client.id; not the sink's key
        QCOMPARE(principal[0].first, std::string("admin.override.client.id"));
        QCOMPARE(principal[1].second, std::string("The 'Principal' policy does not allow 'linger.ms' to be "
                                                  "overridden in the connector configuration."));
        QVERIFY(ClientOverridePolicy().violations(overrides, ConnectorType::Sink).empty());

        ConfigMap props{{"bootstrap.servers", "sandbox"},
                        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"offset.storage.file.filename", path("policy.offsets").toStdString()},
                        {"connector.client.config.override.policy", "None"}};
        StandaloneHerder strict(WorkerConfig::parse(props), *m_plugins, "127.0.0.1:8083",
                                m_kafka->bootstrapServers(), "sandbox");
        strict.start();
        auto config = sourceConfig("policy.txt", "lines");
        config["name"] = "policy-src";
        config["producer.override.linger.ms"] = "50";
        const auto infos = sync<ConfigInfos>([&](auto cb) { strict.validateConnectorConfig(config, cb); });
        QVERIFY(infos.ok());
        QCOMPARE(infos.value->errorCount, 1);
        const auto entry =
            std::find_if(infos.value->configs.begin(), infos.value->configs.end(), [](const auto& ci) {
                return ci.value && ci.value->name == "producer.override.linger.ms";
            });
        QVERIFY(entry != infos.value->configs.end());
        QCOMPARE(entry->value->errors,
                 std::vector<std::string>{"The 'None' policy does not allow 'linger.ms' to be "
                                          "overridden in the connector configuration."});
        const auto created = sync<PutConfigOutcome>(
            [&](auto cb) { strict.putConnectorConfig("policy-src", config, std::nullopt, false, cb); });
        QVERIFY(!created.ok());
        QCOMPARE(created.error->status, 400);
        strict.stop();
    }

    void fileToKafkaToFile()
    {
        appendLines(path("in.txt"), 0, 5000);
        QVERIFY(put("src", sourceConfig("in.txt", "lines"), false).ok());
        QVERIFY(put("sink", sinkConfig("out.txt", "lines"), false).ok());
        QTRY_VERIFY_WITH_TIMEOUT(connectorState(*m_herder, "src") == State::Running, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(*m_herder, "src", State::Running), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(*m_herder, "sink", State::Running), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("out.txt")), qint64{5000}, 30000);
        QCOMPARE(md5Of(path("out.txt")), md5Of(path("in.txt")));
        auto dup = put("src", sourceConfig("in.txt", "lines"), false);
        QCOMPARE(dup.error->status, 409);
        QCOMPARE(dup.error->message, std::string("Connector src already exists"));
        // Source offsets reach the file store and are listed in the REST shape.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto o = sync<std::vector<ConnectorOffset>>(
                    [&](auto cb) { m_herder->connectorOffsets("src", cb); });
                return o.ok() && o.value->size() == 1 &&
                       o.value->front().offsetJson ==
                           "{\"position\":" + std::to_string(QFileInfo(path("in.txt")).size()) + "}";
            }(),
            10000);
        const auto metrics = m_herder->taskMetrics();
        QCOMPARE(metrics.at(TaskId{"src", 0}).at("source-record-write-total"), 5000.0);
        QCOMPARE(m_herder->workerMetrics().at("connector-count"), 2.0);
        // The same figures through the Herder interface, by Apache metric group (spec §10).
        const auto report = sync<MetricsReport>([&](auto cb) { m_herder->metrics(cb); });
        QVERIFY(report.ok());
        QCOMPARE(report.value->worker.at("connector-count"), 2.0);
        QCOMPARE(report.value->connectors.size(), std::size_t{2});
        QCOMPARE(report.value->connectors[1].name, std::string("src"));
        QCOMPARE(report.value->connectors[1].status, std::string("running"));
        QCOMPARE(report.value->connectors[1].connectorType, std::string("source"));
        QCOMPARE(report.value->connectors[1].workerGroup.at("connector-running-task-count"), 1.0);
        const auto& srcTask = report.value->tasks[1];
        QCOMPARE(srcTask.id, (TaskId{"src", 0}));
        QCOMPARE(srcTask.status, std::string("running"));
        QCOMPARE(srcTask.groups.at("source-task-metrics").at("source-record-write-total"), 5000.0);
        QVERIFY(srcTask.groups.at("connector-task-metrics").count("batch-size-max") == 1);
        QVERIFY(srcTask.groups.at("task-error-metrics").count("total-record-errors") == 1);
        QVERIFY(report.value->tasks[0].groups.at("sink-task-metrics").count("sink-record-read-total") == 1);
    }

    void pauseYieldsNoRecords()
    {
        appendLines(path("p-in.txt"), 0, 10);
        QVERIFY(put("p-src", sourceConfig("p-in.txt", "paused")).ok());
        QVERIFY(put("p-sink", sinkConfig("p-out.txt", "paused")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("p-out.txt")), qint64{10}, 30000);
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->pauseConnector("p-src", cb); }).ok());
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(*m_herder, "p-src", State::Paused), 10000);
        QCOMPARE(connectorState(*m_herder, "p-src"), State::Paused);
        appendLines(path("p-in.txt"), 10, 10);
        // A bounded observation window: nothing may arrive while the source is paused.
        QTest::qWait(3000);
        QCOMPARE(lineCount(path("p-out.txt")), qint64{10});
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->resumeConnector("p-src", cb); }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("p-out.txt")), qint64{20}, 30000);
        QCOMPARE(md5Of(path("p-out.txt")), md5Of(path("p-in.txt")));
    }

    void stopAndAlterOffsets()
    {
        appendLines(path("o-in.txt"), 0, 20);
        QVERIFY(put("o-src", sourceConfig("o-in.txt", "offsets")).ok());
        QVERIFY(put("o-sink", sinkConfig("o-out.txt", "offsets")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("o-out.txt")), qint64{20}, 30000);
        auto notStopped = sync<std::string>([&](auto cb) {
            m_herder->alterConnectorOffsets("o-src", {{R"({"filename":"x"})", R"({"position":0})"}}, cb);
        });
        QCOMPARE(notStopped.error->status, 400);
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->stopConnector("o-src", cb); }).ok());
        QCOMPARE(connectorState(*m_herder, "o-src"), State::Stopped);
        auto info = sync<ConnectorInfo>([&](auto cb) { m_herder->connectorInfo("o-src", cb); });
        QVERIFY(info.value->tasks.empty());
        QTRY_VERIFY_WITH_TIMEOUT(
            sync<std::string>([&](auto cb) {
                m_herder->alterConnectorOffsets(
                    "o-src",
                    {{"{\"filename\":\"" + path("o-in.txt").toStdString() + "\"}", R"({"position":0})"}}, cb);
            }).ok(),
            10000);
        // Resuming re-reads the whole file from position 0: every line arrives a second time.
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->resumeConnector("o-src", cb); }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("o-out.txt")), qint64{40}, 30000);
    }

    // The source's SMT chain (core/transforms) reroutes every record: RegexRouter smt-raw → smt-clean.
    void transformsApplied()
    {
        appendLines(path("t-in.txt"), 0, 50);
        ConfigMap src = sourceConfig("t-in.txt", "smt-raw");
        src["transforms"] = "route";
        src["transforms.route.type"] = "org.apache.kafka.connect.transforms.RegexRouter";
        src["transforms.route.regex"] = "(.*)-raw";
        src["transforms.route.replacement"] = "$1-clean";
        QVERIFY(put("t-src", src).ok());
        QVERIFY(put("t-sink", sinkConfig("t-out.txt", "smt-clean")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("t-out.txt")), qint64{50}, 30000);
        QCOMPARE(md5Of(path("t-out.txt")), md5Of(path("t-in.txt")));
        ConfigMap bad = sourceConfig("t-in.txt", "smt-raw");
        bad["transforms"] = "x";
        bad["transforms.x.type"] = "NoSuchTransform";
        auto r = put("t-bad", bad);
        QVERIFY2(!r.ok(), "a connector with an unknown transformation type was accepted");
        QCOMPARE(r.error->status, 400);
        QVERIFY2(
            r.error->message.find("Invalid value NoSuchTransform for configuration transforms.x.type: Class "
                                  "NoSuchTransform could not be found.") != std::string::npos,
            r.error->message.c_str());
    }

    void restartPlans()
    {
        auto r = sync<RestartOutcome>([&](auto cb) { m_herder->restartConnector("src", true, false, cb); });
        QVERIFY(r.ok());
        QVERIFY(r.value->status.has_value());
        QCOMPARE(r.value->status->connector.state, State::Restarting);
        QCOMPARE(r.value->status->tasks.front().state, State::Restarting);
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(*m_herder, "src", State::Running), 15000);
        auto onlyFailed =
            sync<RestartOutcome>([&](auto cb) { m_herder->restartConnector("src", true, true, cb); });
        QCOMPARE(onlyFailed.value->status->connector.state, State::Running);
        QCOMPARE(onlyFailed.value->status->tasks.front().state, State::Running);
        auto plain =
            sync<RestartOutcome>([&](auto cb) { m_herder->restartConnector("src", false, false, cb); });
        QVERIFY(plain.ok() && !plain.value->status.has_value());
        auto unknown =
            sync<RestartOutcome>([&](auto cb) { m_herder->restartConnector("nope", false, false, cb); });
        QCOMPARE(unknown.error->message, std::string("Unknown connector: nope"));
        auto task = sync<Empty>([&](auto cb) { m_herder->restartTask({"src", 7}, cb); });
        QCOMPARE(task.error->message, std::string("Task src-7 not found"));
    }

    void hangingConnectorDoesNotBlock()
    {
        QVERIFY(put("hang", {{"connector.class", "test.HangingConnector"}}).ok());
        // The herder keeps answering while start() hangs ...
        QVERIFY(sync<std::vector<std::string>>([&](auto cb) { m_herder->connectors(cb); }).ok());
        // ... and marks the connector FAILED once the call timeout passed.
        QTRY_COMPARE_WITH_TIMEOUT(connectorState(*m_herder, "hang"), State::Failed, 10000);
        auto status = sync<ConnectorStateInfo>([&](auto cb) { m_herder->connectorStatus("hang", cb); });
        QVERIFY(status.value->connector.trace.find("did not complete start") != std::string::npos);
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->deleteConnector("hang", cb); }).ok());
    }

    // A full disk (this process's file-size limit: EFBIG, binding root too) while connectors are
    // created, paused or deleted: each call fails with a 500 naming the connectors file, and the
    // herder keeps its state: no half-created connector, the paused target not taken, the deleted
    // connector still there. With room again the same calls go through.
    void fullDiskRefusesConfigChanges()
    {
        FullDisk disk;
        QVERIFY(disk.full());
        const auto names = [&] {
            return *sync<std::vector<std::string>>([&](auto cb) { m_herder->connectors(cb); }).value;
        };
        const auto before = names();

        const auto created = put("full-src", sourceConfig("full.txt", "lines"));
        QVERIFY(!created.ok());
        QCOMPARE(created.error->status, 500);
        QVERIFY2(created.error->message.find("Failed to persist the connector config") != std::string::npos &&
                     created.error->message.find("connectors.json") != std::string::npos,
                 created.error->message.c_str());
        const auto paused = sync<Empty>([&](auto cb) { m_herder->pauseConnector("src", cb); });
        QVERIFY(!paused.ok());
        QVERIFY2(paused.error->message.find("connectors.json") != std::string::npos,
                 paused.error->message.c_str());
        const auto deleted = sync<Empty>([&](auto cb) { m_herder->deleteConnector("o-src", cb); });
        QVERIFY(!deleted.ok());
        QCOMPARE(deleted.error->status, 500);
        QCOMPARE(names(), before);
        QCOMPARE(connectorState(*m_herder, "src"), State::Running);

        disk.room();
        QVERIFY(put("full-src", sourceConfig("full.txt", "lines")).ok());
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->deleteConnector("full-src", cb); }).ok());
        QCOMPARE(names(), before);
    }

    void persistedAcrossRestart()
    {
        QVERIFY(sync<Empty>([&](auto cb) { m_herder->pauseConnector("p-sink", cb); }).ok());
        newHerder(); // the old one is destroyed first: a worker restart
        auto names = sync<std::vector<std::string>>([&](auto cb) { m_herder->connectors(cb); });
        QCOMPARE(*names.value, (std::vector<std::string>{"o-sink", "o-src", "p-sink", "p-src", "sink", "src",
                                                         "t-sink", "t-src"}));
        QTRY_COMPARE_WITH_TIMEOUT(connectorState(*m_herder, "p-sink"), State::Paused, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(*m_herder, "src", State::Running), 15000);
        // The restored source resumes from its committed offset: no line is produced twice.
        appendLines(path("in.txt"), 5000, 100);
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("out.txt")), qint64{5100}, 30000);
        QCOMPARE(md5Of(path("out.txt")), md5Of(path("in.txt")));
    }
};

QTEST_GUILESS_MAIN(TestStandaloneHerder)
#include "tst_standalone_herder.moc"
