// Decoding of config-topic records (spec/connect-data-and-config.md §8.2) from hand-written keys
// and values: every record kind Connect writes, tombstones, and garbage that must come out as
// Undecodable with a reason.
#include "observe/config_record.h"

#include <QJsonDocument>
#include <QTest>

#include <optional>

using connectdesk::observe::ConfigEvent;
using connectdesk::observe::decodeConfigRecord;
using connectdesk::observe::TopicRecord;

Q_DECLARE_METATYPE(ConfigEvent::Kind)
Q_DECLARE_METATYPE(std::optional<QByteArray>)

namespace {

TopicRecord record(const std::optional<QByteArray>& key, const std::optional<QByteArray>& value)
{
    TopicRecord r;
    r.topic = QStringLiteral("connect-configs");
    r.partition = 0;
    r.offset = 17;
    r.timestampMs = 1700000000456;
    r.key = key;
    r.value = value;
    return r;
}

using Bytes = std::optional<QByteArray>;

} // namespace

class TestConfigRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodes_data();
    void decodes();
    void undecodable_data();
    void undecodable();
    void keepsPosition();
};

void TestConfigRecord::decodes_data()
{
    QTest::addColumn<Bytes>("key");
    QTest::addColumn<Bytes>("value");
    QTest::addColumn<ConfigEvent::Kind>("kind");
    QTest::addColumn<QString>("connector");
    QTest::addColumn<int>("task");
    QTest::addColumn<ConfigEvent::Kind>("deletedKind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("body"); // compact JSON of the expected body, "{}" when empty

    QTest::newRow("connector config")
        << Bytes("connector-orders-src")
        << Bytes(
               R"({"properties":{"name":"orders-src","connector.class":"FileStreamSource","tasks.max":"1","file":"/data/orders.txt","topic":"orders"}})")
        << ConfigEvent::ConnectorConfig << QStringLiteral("orders-src") << -1 << ConfigEvent::Undecodable
        << QString()
        << QByteArray(
               R"({"properties":{"connector.class":"FileStreamSource","file":"/data/orders.txt","name":"orders-src","tasks.max":"1","topic":"orders"}})");
    QTest::newRow("connector config with a null value")
        << Bytes("connector-c") << Bytes(R"({"properties":{"name":"c","secret":null}})")
        << ConfigEvent::ConnectorConfig << QStringLiteral("c") << -1 << ConfigEvent::Undecodable << QString()
        << QByteArray(R"({"properties":{"name":"c","secret":null}})");
    QTest::newRow("task config, dashes in the name")
        << Bytes("task-orders-src-3")
        << Bytes(R"({"properties":{"task.class":"org.apache.kafka.connect.file.FileStreamSourceTask"}})")
        << ConfigEvent::TaskConfig << QStringLiteral("orders-src") << 3 << ConfigEvent::Undecodable
        << QString()
        << QByteArray(
               R"({"properties":{"task.class":"org.apache.kafka.connect.file.FileStreamSourceTask"}})");
    QTest::newRow("commit") << Bytes("commit-orders-src") << Bytes(R"({"tasks":1})")
                            << ConfigEvent::TaskCommit << QStringLiteral("orders-src") << -1
                            << ConfigEvent::Undecodable << QString() << QByteArray(R"({"tasks":1})");
    QTest::newRow("target state v2 stopped")
        << Bytes("target-state-orders-src") << Bytes(R"({"state":"PAUSED","state.v2":"STOPPED"})")
        << ConfigEvent::TargetState << QStringLiteral("orders-src") << -1 << ConfigEvent::Undecodable
        << QString() << QByteArray(R"({"state":"PAUSED","state.v2":"STOPPED"})");
    QTest::newRow("target state, old worker")
        << Bytes("target-state-c") << Bytes(R"({"state":"STARTED"})") << ConfigEvent::TargetState
        << QStringLiteral("c") << -1 << ConfigEvent::Undecodable << QString()
        << QByteArray(R"({"state":"STARTED"})");
    QTest::newRow("session key")
        << Bytes("session-key")
        << Bytes(R"({"key":"c2VjcmV0","algorithm":"HmacSHA256","creation-timestamp":1700000000000})")
        << ConfigEvent::SessionKey << QString() << -1 << ConfigEvent::Undecodable << QString()
        << QByteArray(R"({"algorithm":"HmacSHA256","creation-timestamp":1700000000000,"key":"c2VjcmV0"})");
    QTest::newRow("restart request") << Bytes("restart-connector-c")
                                     << Bytes(R"({"include-tasks":true,"only-failed":false})")
                                     << ConfigEvent::Restart << QStringLiteral("c") << -1
                                     << ConfigEvent::Undecodable << QString()
                                     << QByteArray(R"({"include-tasks":true,"only-failed":false})");
    QTest::newRow("fencing task count")
        << Bytes("tasks-fencing-c") << Bytes(R"({"task-count":4})") << ConfigEvent::TaskCount
        << QStringLiteral("c") << -1 << ConfigEvent::Undecodable << QString()
        << QByteArray(R"({"task-count":4})");
    QTest::newRow("cluster logger level")
        << Bytes("logger-cluster-org.apache.kafka.connect") << Bytes(R"({"level":"DEBUG"})")
        << ConfigEvent::LoggerLevel << QString() << -1 << ConfigEvent::Undecodable
        << QStringLiteral("org.apache.kafka.connect") << QByteArray(R"({"level":"DEBUG"})");
    QTest::newRow("connector tombstone")
        << Bytes("connector-gone") << Bytes() << ConfigEvent::Deleted << QStringLiteral("gone") << -1
        << ConfigEvent::ConnectorConfig << QString() << QByteArray("{}");
    QTest::newRow("target state tombstone")
        << Bytes("target-state-gone") << Bytes() << ConfigEvent::Deleted << QStringLiteral("gone") << -1
        << ConfigEvent::TargetState << QString() << QByteArray("{}");
}

void TestConfigRecord::decodes()
{
    QFETCH(Bytes, key);
    QFETCH(Bytes, value);
    QFETCH(QByteArray, body);
    const ConfigEvent event = decodeConfigRecord(record(key, value));
    QVERIFY2(event.error.isEmpty(), qPrintable(event.error));
    QTEST(event.kind, "kind");
    QTEST(event.connector, "connector");
    QTEST(event.task, "task");
    QTEST(event.deletedKind, "deletedKind");
    QTEST(event.name, "name");
    QCOMPARE(QJsonDocument(event.body).toJson(QJsonDocument::Compact), body);
    QCOMPARE(event.key, QString::fromUtf8(*key));
}

void TestConfigRecord::undecodable_data()
{
    QTest::addColumn<Bytes>("key");
    QTest::addColumn<Bytes>("value");
    QTest::addColumn<QString>("reason");

    QTest::newRow("no key") << Bytes() << Bytes(R"({"tasks":1})") << QStringLiteral("without a key");
    QTest::newRow("unknown key") << Bytes("status-connector-c") << Bytes(R"({"tasks":1})")
                                 << QStringLiteral("unknown config key 'status-connector-c'");
    QTest::newRow("prefix alone") << Bytes("connector-") << Bytes(R"({"properties":{}})")
                                  << QStringLiteral("unknown config key");
    QTest::newRow("task without id") << Bytes("task-orders") << Bytes(R"({"properties":{}})")
                                     << QStringLiteral("has no task id");
    QTest::newRow("not JSON") << Bytes("commit-c") << Bytes("tasks=1")
                              << QStringLiteral("invalid JSON at byte 1");
    QTest::newRow("binary") << Bytes("connector-c") << Bytes(QByteArray("\x00\x01", 2))
                            << QStringLiteral("invalid JSON");
    QTest::newRow("not an object") << Bytes("commit-c") << Bytes("1") << QStringLiteral("not a JSON object");
    QTest::newRow("properties missing")
        << Bytes("connector-c") << Bytes(R"({"name":"c"})") << QStringLiteral("no 'properties' object");
    QTest::newRow("property a number") << Bytes("task-c-0") << Bytes(R"({"properties":{"tasks.max":1}})")
                                       << QStringLiteral("property 'tasks.max'");
    QTest::newRow("commit without tasks")
        << Bytes("commit-c") << Bytes(R"({"task":1})") << QStringLiteral("no integer 'tasks'");
    QTest::newRow("unknown target state")
        << Bytes("target-state-c") << Bytes(R"({"state":"RUNNING"})") << QStringLiteral("no known 'state'");
    QTest::newRow("session key incomplete")
        << Bytes("session-key") << Bytes(R"({"key":"a2V5"})") << QStringLiteral("'creation-timestamp'");
    QTest::newRow("restart flag a string")
        << Bytes("restart-connector-c") << Bytes(R"({"include-tasks":"yes"})")
        << QStringLiteral("'include-tasks' is not a boolean");
    QTest::newRow("fencing without count")
        << Bytes("tasks-fencing-c") << Bytes(R"({})") << QStringLiteral("no integer 'task-count'");
}

void TestConfigRecord::undecodable()
{
    QFETCH(Bytes, key);
    QFETCH(Bytes, value);
    QFETCH(QString, reason);
    const ConfigEvent event = decodeConfigRecord(record(key, value));
    QCOMPARE(event.kind, ConfigEvent::Undecodable);
    QVERIFY2(event.error.contains(reason), qPrintable(event.error));
    QVERIFY(event.body.isEmpty());
}

void TestConfigRecord::keepsPosition()
{
    const ConfigEvent event =
        decodeConfigRecord(record(QByteArray("commit-c"), QByteArray(R"({"tasks":2})")));
    QCOMPARE(event.partition, 0);
    QCOMPARE(event.offset, qint64(17));
    QCOMPARE(event.timestampMs, qint64(1700000000456));
    QCOMPARE(event.body.value(QLatin1String("tasks")).toInteger(), qint64(2));
}

QTEST_GUILESS_MAIN(TestConfigRecord)
#include "test_config_record.moc"
