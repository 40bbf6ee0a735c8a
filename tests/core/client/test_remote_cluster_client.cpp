// RemoteClusterClient against the real Apache Kafka Connect started by the harness
// (spec/connect-rest-api.md §4): lifecycle of a FileStreamSource connector, readable errors.
#include "client/remote_cluster_client.h"
#include "harness_env.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace connectdesk::client;

namespace {

constexpr int kWaitMs = 60'000;

// Runs one asynchronous call and waits (spinning the event loop) for its single answer.
template <class T>
std::optional<Result<T>> await(const std::function<void(Callback<T>)>& call, int timeoutMs = kWaitMs)
{
    std::optional<Result<T>> out;
    call([&out](const Result<T>& result) { out = result; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return std::nullopt;
    return out;
}

} // namespace

class TestRemoteClusterClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void serverInfoAndHealth();
    void pluginsAndDefinitions();
    void sourceConnectorLifecycle();
    void invalidConfigIsReadable();
    void unknownClassIsReadable();
    void unreachableIsQuickAndClear();
    void loggers();

private:
    bool waitForState(const QString& name, const QString& connectorState, const QString& taskState);
    std::unique_ptr<RemoteClusterClient> m_client;
    QTemporaryDir m_dir;
};

void TestRemoteClusterClient::initTestCase()
{
    const QString url = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_URL"));
    QVERIFY2(!url.isEmpty(), "CONNECT_URL missing from the harness env (fixture connect_ref not running?)");
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(url);
    m_client = std::make_unique<RemoteClusterClient>(endpoint);
    QVERIFY(m_dir.isValid());
}

void TestRemoteClusterClient::serverInfoAndHealth()
{
    const auto info = await<ServerInfo>([&](auto done) { m_client->serverInfo(this, done); });
    QVERIFY(info && info->ok());
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+")).match(info->value->version).hasMatch(),
             qPrintable(info->value->version));
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(info->value->commit).hasMatch(),
             qPrintable(info->value->commit));
    QVERIFY(!info->value->kafkaClusterId.isEmpty());

    const auto health = await<WorkerHealth>([&](auto done) { m_client->health(this, done); });
    QVERIFY(health && health->ok());
    QCOMPARE(health->value->httpStatus, 200);
    QCOMPARE(health->value->status, QStringLiteral("healthy"));
}

void TestRemoteClusterClient::pluginsAndDefinitions()
{
    const auto plugins =
        await<QList<PluginInfo>>([&](auto done) { m_client->connectorPlugins(true, this, done); });
    QVERIFY(plugins && plugins->ok());
    bool found = false;
    for (const PluginInfo& plugin : *plugins->value)
        found |=
            plugin.className == QLatin1String("org.apache.kafka.connect.file.FileStreamSourceConnector") &&
            plugin.type == QLatin1String("source");
    QVERIFY(found);

    const auto keys = await<QList<ConfigKeyInfo>>(
        [&](auto done) { m_client->pluginConfig(QStringLiteral("FileStreamSource"), this, done); });
    QVERIFY(keys && keys->ok());
    auto byName = [&](const QString& name) {
        for (const ConfigKeyInfo& key : *keys->value)
            if (key.name == name)
                return key;
        return ConfigKeyInfo{};
    };
    QCOMPARE(byName(QStringLiteral("topic")).type, QStringLiteral("STRING"));
    QVERIFY(!byName(QStringLiteral("topic")).defaultValue.has_value());
    QCOMPARE(byName(QStringLiteral("tasks.max")).defaultValue, std::optional<QString>(QStringLiteral("1")));
    QCOMPARE(byName(QStringLiteral("name")).group, QStringLiteral("Common"));
    QVERIFY(byName(QStringLiteral("name")).required);
}

bool TestRemoteClusterClient::waitForState(const QString& name, const QString& connectorState,
                                           const QString& taskState)
{
    // Status is eventually consistent (§5): poll until it shows what we expect.
    return QTest::qWaitFor(
        [&] {
            const auto status =
                await<ConnectorStatus>([&](auto done) { m_client->connectorStatus(name, this, done); });
            if (!status || !status->ok())
                return false;
            if (status->value->connector.state != connectorState)
                return false;
            if (taskState.isEmpty())
                return status->value->tasks.isEmpty();
            return !status->value->tasks.isEmpty() &&
                   std::all_of(status->value->tasks.begin(), status->value->tasks.end(),
                               [&](const TaskState& t) { return t.state == taskState; });
        },
        kWaitMs);
}

void TestRemoteClusterClient::sourceConnectorLifecycle()
{
    const QString name =
        QStringLiteral("cd-client-src-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString file = m_dir.filePath(QStringLiteral("input.txt"));
    {
        QFile input(file);
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write("one\ntwo\n");
    }
    const ConnectorConfig config{{QStringLiteral("connector.class"),
                                  QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceConnector")},
                                 {QStringLiteral("tasks.max"), QStringLiteral("1")},
                                 {QStringLiteral("file"), file},
                                 {QStringLiteral("topic"), name + QStringLiteral("-topic")}};
    const auto created = await<ConnectorInfo>(
        [&](auto done) { m_client->createConnector(name, config, InitialState::Default, this, done); });
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->error.sentence));
    QCOMPARE(created->value->name, name);
    QCOMPARE(created->value->config.value(QStringLiteral("name")), name); // §4.4: name injected
    QCOMPARE(created->value->type, QStringLiteral("source"));

    const auto again = await<ConnectorInfo>(
        [&](auto done) { m_client->createConnector(name, config, InitialState::Default, this, done); });
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error.httpStatus, 409);
    QCOMPARE(again->error.sentence, QStringLiteral("Connector %1 already exists.").arg(name));

    QVERIFY(waitForState(name, QStringLiteral("RUNNING"), QStringLiteral("RUNNING")));

    const auto all =
        await<QList<ConnectorOverview>>([&](auto done) { m_client->connectorsExpanded(this, done); });
    QVERIFY(all && all->ok());
    auto it = std::find_if(all->value->begin(), all->value->end(),
                           [&](const ConnectorOverview& o) { return o.name == name; });
    QVERIFY(it != all->value->end());
    QVERIFY(it->info && it->status);
    QCOMPARE(it->info->config.value(QStringLiteral("file")), file);
    QCOMPARE(it->status->tasks.size(), 1);

    const auto tasks = await<QList<TaskInfo>>([&](auto done) { m_client->connectorTasks(name, this, done); });
    QVERIFY(tasks && tasks->ok());
    QCOMPARE(tasks->value->size(), 1);
    QCOMPARE(tasks->value->at(0).config.value(QStringLiteral("file")), file);

    auto expectDone = [&](const std::function<void(Callback<Done>)>& call) {
        const auto r = await<Done>(call);
        return r && r->ok();
    };
    QVERIFY(expectDone([&](auto done) { m_client->pauseConnector(name, this, done); }));
    QVERIFY(waitForState(name, QStringLiteral("PAUSED"), QStringLiteral("PAUSED")));
    QVERIFY(expectDone([&](auto done) { m_client->resumeConnector(name, this, done); }));
    QVERIFY(waitForState(name, QStringLiteral("RUNNING"), QStringLiteral("RUNNING")));

    // §4.11: plain restart → 204 without a plan; with flags → 202 with the plan.
    const auto plain = await<RestartResult>(
        [&](auto done) { m_client->restartConnector(name, RestartOptions{}, this, done); });
    QVERIFY(plain && plain->ok());
    QVERIFY(!plain->value->plan.has_value());
    const auto withTasks = await<RestartResult>([&](auto done) {
        m_client->restartConnector(name, RestartOptions{true, false}, this, done);
    });
    QVERIFY(withTasks && withTasks->ok());
    QVERIFY(withTasks->value->plan.has_value());
    QCOMPARE(withTasks->value->plan->connector.state, QStringLiteral("RESTARTING"));
    QCOMPARE(withTasks->value->plan->tasks.value(0).state, QStringLiteral("RESTARTING"));
    QVERIFY(waitForState(name, QStringLiteral("RUNNING"), QStringLiteral("RUNNING")));
    QVERIFY(expectDone([&](auto done) { m_client->restartTask(name, 0, this, done); }));
    QVERIFY(waitForState(name, QStringLiteral("RUNNING"), QStringLiteral("RUNNING")));

    const auto missingTask = await<Done>([&](auto done) { m_client->restartTask(name, 7, this, done); });
    QVERIFY(missingTask && !missingTask->ok());
    QCOMPARE(missingTask->error.kind, ClientError::Kind::NotFound);

    const auto topics = await<QStringList>([&](auto done) { m_client->connectorTopics(name, this, done); });
    QVERIFY(topics && topics->ok());

    QVERIFY(expectDone([&](auto done) { m_client->stopConnector(name, this, done); }));
    QVERIFY(waitForState(name, QStringLiteral("STOPPED"), QString()));
    const auto offsets =
        await<ConnectorOffsets>([&](auto done) { m_client->connectorOffsets(name, this, done); });
    QVERIFY(offsets && offsets->ok());

    QVERIFY(expectDone([&](auto done) { m_client->deleteConnector(name, this, done); }));
    const auto gone = await<ConnectorInfo>([&](auto done) { m_client->connectorInfo(name, this, done); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error.httpStatus, 404);
    QCOMPARE(gone->error.connectMessage, QStringLiteral("Connector %1 not found").arg(name));
}

void TestRemoteClusterClient::invalidConfigIsReadable()
{
    // FileStreamSource requires `topic` (no default).
    const ConnectorConfig config{{QStringLiteral("connector.class"),
                                  QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceConnector")},
                                 {QStringLiteral("tasks.max"), QStringLiteral("0")}};
    const auto created = await<ConnectorInfo>([&](auto done) {
        m_client->createConnector(QStringLiteral("cd-client-invalid"), config, InitialState::Default, this,
                                  done);
    });
    QVERIFY(created && !created->ok());
    QCOMPARE(created->error.httpStatus, 400);
    QCOMPARE(created->error.kind, ClientError::Kind::BadRequest);
    QVERIFY2(created->error.sentence.startsWith(QLatin1String("The connector configuration is not valid: ")),
             qPrintable(created->error.sentence));
    QVERIFY2(created->error.sentence.contains(QLatin1String("tasks.max")),
             qPrintable(created->error.sentence));
    QVERIFY2(!created->error.sentence.contains(QLatin1String("You can also find")),
             qPrintable(created->error.sentence));

    const auto validated = await<ConfigInfos>([&](auto done) {
        m_client->validateConfig(QStringLiteral("FileStreamSourceConnector"), config, this, done);
    });
    QVERIFY(validated && validated->ok());
    QVERIFY(validated->value->errorCount >= 2); // name missing, tasks.max < 1, topic missing
    QStringList errors;
    for (const ConfigInfo& c : validated->value->configs)
        if (c.value)
            errors += c.value->errors;
    QCOMPARE(errors.size(), validated->value->errorCount);
    QVERIFY(errors.contains(
        QStringLiteral("Invalid value 0 for configuration tasks.max: Value must be at least 1")));
}

void TestRemoteClusterClient::unknownClassIsReadable()
{
    const ConnectorConfig config{
        {QStringLiteral("connector.class"), QStringLiteral("com.example.NoSuchConnector")}};
    const auto created = await<ConnectorInfo>([&](auto done) {
        m_client->createConnector(QStringLiteral("cd-client-noclass"), config, InitialState::Default, this,
                                  done);
    });
    QVERIFY(created && !created->ok());
    // §1 item 4: 500 up to 4.0, 400 from 4.1; the sentence is the same.
    QVERIFY(created->error.httpStatus == 400 || created->error.httpStatus == 500);
    QVERIFY2(created->error.sentence.startsWith(
                 QLatin1String("The worker has no connector plugin with that class")),
             qPrintable(created->error.sentence));
}

void TestRemoteClusterClient::unreachableIsQuickAndClear()
{
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    RemoteClusterClient client(endpoint);
    QElapsedTimer timer;
    timer.start();
    const auto info = await<ServerInfo>([&](auto done) { client.serverInfo(this, done); }, 10'000);
    QVERIFY(info);
    QVERIFY(timer.elapsed() < 5'000);
    QVERIFY(!info->ok());
    QCOMPARE(info->error.kind, ClientError::Kind::Unreachable);
    QCOMPARE(info->error.httpStatus, 0);
    QCOMPARE(
        info->error.sentence,
        QStringLiteral("Cannot reach the Connect worker at http://127.0.0.1:1: the connection was refused. "
                       "Is the worker running and is the address right?"));
}

void TestRemoteClusterClient::loggers()
{
    const auto all = await<QMap<QString, LoggerLevel>>([&](auto done) { m_client->loggers(this, done); });
    QVERIFY(all && all->ok());
    QVERIFY(all->value->contains(QStringLiteral("root")));
    const auto bad = await<QStringList>([&](auto done) {
        m_client->setLoggerLevel(QStringLiteral("org.apache.kafka.connect.file"), QStringLiteral("LOUD"),
                                 LoggerScope::Worker, this, done);
    });
    QVERIFY(bad && !bad->ok());
    QCOMPARE(bad->error.httpStatus, 404); // §4.24: a bad level is 404
}

QTEST_GUILESS_MAIN(TestRemoteClusterClient)
#include "test_remote_cluster_client.moc"
