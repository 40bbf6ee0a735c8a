// InternalTopicReader against the real Apache Kafka Connect: every record the reference worker
// wrote to its config and offsets topics must decode (no Undecodable at all), and a FileStreamSource
// created, paused and deleted by the test must show up as Connect wrote it.
#include "connect_ref_support.h"
#include "harness_env.h"

#include "observe/internal_topic_reader.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace connectdesk::observe;
using namespace connectdesk::observe::testing;

namespace {
constexpr int kWaitMs = 90000;
}

class TestInternalTopicsConnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void configAndOffsetsOfASourceConnector();

private:
    std::unique_ptr<ConnectRest> m_rest;
    QString m_bootstrap;
    QString m_group;
    QString m_name;
};

void TestInternalTopicsConnect::initTestCase()
{
    const QString url = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_URL"));
    m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    m_group = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_GROUP"));
    QVERIFY2(
        !url.isEmpty() && !m_bootstrap.isEmpty() && !m_group.isEmpty(),
        "CONNECT_URL, KAFKA_BOOTSTRAP or CONNECT_GROUP missing from the harness env (run through ctest)");
    m_rest = std::make_unique<ConnectRest>(QUrl(url));
}

void TestInternalTopicsConnect::cleanupTestCase()
{
    if (m_rest && !m_name.isEmpty())
        m_rest->deleteConnector(m_name);
}

void TestInternalTopicsConnect::configAndOffsetsOfASourceConnector()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_name = uniqueName(QStringLiteral("obs-internal"));
    QFile file(dir.filePath(QStringLiteral("in.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray lines = "one\ntwo\nthree\n";
    file.write(lines);
    file.close();

    const ClientProperties properties{{"bootstrap.servers", m_bootstrap.toStdString()}};
    InternalTopicReader config(properties, InternalTopicReader::Kind::Config,
                               m_group + QStringLiteral("-configs"));
    InternalTopicReader offsets(properties, InternalTopicReader::Kind::Offsets,
                                m_group + QStringLiteral("-offsets"));
    QList<ConfigEvent> configEvents; // all of them
    QList<OffsetEvent> offsetEvents;
    QStringList errors;
    connect(&config, &InternalTopicReader::configEvents, this,
            [&](const QList<ConfigEvent>& batch) { configEvents += batch; });
    connect(&offsets, &InternalTopicReader::offsetEvents, this,
            [&](const QList<OffsetEvent>& batch) { offsetEvents += batch; });
    connect(&config, &InternalTopicReader::errorOccurred, this, [&](const QString& m) { errors.append(m); });
    connect(&offsets, &InternalTopicReader::errorOccurred, this, [&](const QString& m) { errors.append(m); });
    bool configCaughtUp = false;
    connect(&config, &InternalTopicReader::caughtUp, this, [&] { configCaughtUp = true; });
    config.start();
    offsets.start();
    QTRY_VERIFY2_WITH_TIMEOUT(configCaughtUp, qPrintable(errors.join(QLatin1Char('\n'))), kWaitMs);
    QVERIFY(!configEvents.isEmpty()); // the session key at least, written when the worker joined

    QCOMPARE(
        m_rest->putConfig(m_name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                                   {QStringLiteral("tasks.max"), QStringLiteral("1")},
                                   {QStringLiteral("file"), file.fileName()},
                                   {QStringLiteral("topic"), m_name + QStringLiteral("-t")}}),
        QString());
    const auto find = [&](ConfigEvent::Kind kind) -> const ConfigEvent* {
        for (const ConfigEvent& e : configEvents) {
            if (e.kind == kind && e.connector == m_name)
                return &e;
        }
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(find(ConfigEvent::TaskCommit) != nullptr, kWaitMs);
    const ConfigEvent* connector = find(ConfigEvent::ConnectorConfig);
    QVERIFY(connector);
    const QJsonObject props = connector->body.value(QLatin1String("properties")).toObject();
    QCOMPARE(props.value(QLatin1String("file")).toString(), file.fileName());
    QCOMPARE(props.value(QLatin1String("connector.class")).toString(), QStringLiteral("FileStreamSource"));
    const ConfigEvent* task = find(ConfigEvent::TaskConfig);
    QVERIFY(task);
    QCOMPARE(task->task, 0);
    QCOMPARE(task->body.value(QLatin1String("properties"))
                 .toObject()
                 .value(QLatin1String("task.class"))
                 .toString(),
             QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceTask"));
    QCOMPARE(find(ConfigEvent::TaskCommit)->body.value(QLatin1String("tasks")).toInt(), 1);
    QVERIFY(task->offset < find(ConfigEvent::TaskCommit)->offset); // task configs before their commit

    // FileStreamSource stores the byte position it read up to; the worker flushes every second.
    const auto position = [&]() -> qint64 {
        qint64 last = -1;
        for (const OffsetEvent& e : offsetEvents) {
            if (e.connector == m_name && e.error.isEmpty() && e.sourceOffset &&
                e.sourcePartition.toObject().value(QLatin1String("filename")).toString() == file.fileName())
                last = e.sourceOffset->toObject().value(QLatin1String("position")).toInteger(-1);
        }
        return last;
    };
    QTRY_COMPARE_WITH_TIMEOUT(position(), qint64(lines.size()), kWaitMs);

    QCOMPARE(m_rest->call("PUT", QStringLiteral("/connectors/%1/pause").arg(m_name)).status, 202);
    QTRY_VERIFY_WITH_TIMEOUT(find(ConfigEvent::TargetState) != nullptr, kWaitMs);
    QCOMPARE(find(ConfigEvent::TargetState)->body.value(QLatin1String("state")).toString(),
             QStringLiteral("PAUSED"));

    m_rest->deleteConnector(m_name);
    const auto deleted = [&] {
        for (const ConfigEvent& e : configEvents) {
            if (e.kind == ConfigEvent::Deleted && e.connector == m_name &&
                e.deletedKind == ConfigEvent::ConnectorConfig)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(deleted(), kWaitMs);
    const qint64 finalPosition = position();
    m_name.clear();

    // Everything the reference worker wrote decodes: no Undecodable, no offset errors.
    QMap<QString, int> kinds;
    for (const ConfigEvent& e : configEvents) {
        kinds[configEventKindName(e.kind)] += 1;
        QVERIFY2(e.kind != ConfigEvent::Undecodable, qPrintable(e.key + QStringLiteral(": ") + e.error));
    }
    for (const OffsetEvent& e : offsetEvents)
        QVERIFY2(e.error.isEmpty(), qPrintable(e.rawKey + QStringLiteral(": ") + e.error));
    QStringList summary;
    for (auto it = kinds.begin(); it != kinds.end(); ++it)
        summary << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
    qInfo().noquote() << "config topic:" << summary.join(QStringLiteral(", "))
                      << "; offsets topic:" << offsetEvents.size()
                      << "records, last position of this connector" << finalPosition;
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestInternalTopicsConnect)
#include "test_internal_topics_connect.moc"
