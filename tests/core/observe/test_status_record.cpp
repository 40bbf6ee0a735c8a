// Decoding of status-topic records (spec/connect-data-and-config.md §8.1) from hand-written keys and
// values: connector, task and topic records, tombstones, and garbage that must come out as
// Undecodable with a reason instead of being dropped or crashing.
#include "observe/status_record.h"

#include <QTest>

#include <optional>

using connectdesk::observe::decodeStatusRecord;
using connectdesk::observe::StatusEvent;
using connectdesk::observe::StatusRecordKind;
using connectdesk::observe::TopicRecord;

Q_DECLARE_METATYPE(StatusRecordKind)
Q_DECLARE_METATYPE(std::optional<QByteArray>)
Q_DECLARE_METATYPE(std::optional<QString>)

namespace {

TopicRecord record(const std::optional<QByteArray>& key, const std::optional<QByteArray>& value)
{
    TopicRecord r;
    r.topic = QStringLiteral("connect-status");
    r.partition = 3;
    r.offset = 41;
    r.timestampMs = 1700000000123;
    r.key = key;
    r.value = value;
    return r;
}

} // namespace

class TestStatusRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodes_data();
    void decodes();
    void undecodable_data();
    void undecodable();
    void keepsPositionAndRawBytes();
};

void TestStatusRecord::decodes_data()
{
    QTest::addColumn<std::optional<QByteArray>>("key");
    QTest::addColumn<std::optional<QByteArray>>("value");
    QTest::addColumn<StatusRecordKind>("kind");
    QTest::addColumn<QString>("connector");
    QTest::addColumn<int>("task");
    QTest::addColumn<bool>("deleted");
    QTest::addColumn<QString>("state");
    QTest::addColumn<std::optional<QString>>("trace");
    QTest::addColumn<QString>("workerId");
    QTest::addColumn<qint64>("generation");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("topicTask");
    QTest::addColumn<qint64>("discovered");

    const std::optional<QString> noTrace;
    QTest::newRow("connector running")
        << std::optional<QByteArray>("status-connector-orders-src")
        << std::optional<QByteArray>(
               R"({"state":"RUNNING","trace":null,"worker_id":"10.0.0.5:8083","generation":7})")
        << StatusRecordKind::Connector << QStringLiteral("orders-src") << -1 << false
        << QStringLiteral("RUNNING") << noTrace << QStringLiteral("10.0.0.5:8083") << qint64(7) << QString()
        << -1 << qint64(-1);
    QTest::newRow("task failed, name with dashes, task id after the last dash")
        << std::optional<QByteArray>("status-task-orders-src-12")
        << std::optional<QByteArray>(
               R"({"state":"FAILED","trace":"org.apache.kafka.connect.errors.ConnectException: boom\n\tat X","worker_id":"10.0.0.5:8083","generation":9})")
        << StatusRecordKind::Task << QStringLiteral("orders-src") << 12 << false << QStringLiteral("FAILED")
        << std::optional<QString>(
               QStringLiteral("org.apache.kafka.connect.errors.ConnectException: boom\n\tat X"))
        << QStringLiteral("10.0.0.5:8083") << qint64(9) << QString() << -1 << qint64(-1);
    QTest::newRow("connector stopped, members in another order")
        << std::optional<QByteArray>("status-connector-c")
        << std::optional<QByteArray>(R"({"generation":2,"worker_id":"w:1","state":"STOPPED","trace":null})")
        << StatusRecordKind::Connector << QStringLiteral("c") << -1 << false << QStringLiteral("STOPPED")
        << noTrace << QStringLiteral("w:1") << qint64(2) << QString() << -1 << qint64(-1);
    QTest::newRow("task tombstone") << std::optional<QByteArray>("status-task-orders-src-0")
                                    << std::optional<QByteArray>() << StatusRecordKind::Task
                                    << QStringLiteral("orders-src") << 0 << true << QString() << noTrace
                                    << QString() << qint64(-1) << QString() << -1 << qint64(-1);
    QTest::newRow("connector tombstone")
        << std::optional<QByteArray>("status-connector-gone") << std::optional<QByteArray>()
        << StatusRecordKind::Connector << QStringLiteral("gone") << -1 << true << QString() << noTrace
        << QString() << qint64(-1) << QString() << -1 << qint64(-1);
    QTest::newRow("topic record")
        << std::optional<QByteArray>("status-topic-orders:connector-orders-src")
        << std::optional<QByteArray>(
               R"({"topic":{"name":"orders","connector":"orders-src","task":0,"discoverTimestamp":1700000000000}})")
        << StatusRecordKind::Topic << QStringLiteral("orders-src") << -1 << false << QString() << noTrace
        << QString() << qint64(-1) << QStringLiteral("orders") << 0 << qint64(1700000000000);
    QTest::newRow("topic tombstone (topic reset)")
        << std::optional<QByteArray>("status-topic-orders:connector-orders-src")
        << std::optional<QByteArray>() << StatusRecordKind::Topic << QStringLiteral("orders-src") << -1
        << true << QString() << noTrace << QString() << qint64(-1) << QStringLiteral("orders") << -1
        << qint64(-1);
}

void TestStatusRecord::decodes()
{
    QFETCH(std::optional<QByteArray>, key);
    QFETCH(std::optional<QByteArray>, value);
    const StatusEvent event = decodeStatusRecord(record(key, value));
    QVERIFY2(event.error.isEmpty(), qPrintable(event.error));
    QTEST(event.kind, "kind");
    QTEST(event.connector, "connector");
    QTEST(event.task, "task");
    QTEST(event.deleted, "deleted");
    QTEST(event.state, "state");
    QTEST(event.trace, "trace");
    QTEST(event.workerId, "workerId");
    QTEST(qint64(event.generation), "generation");
    QTEST(event.topic, "topic");
    QTEST(event.topicTask, "topicTask");
    QTEST(qint64(event.discoverTimestampMs), "discovered");
}

void TestStatusRecord::undecodable_data()
{
    QTest::addColumn<std::optional<QByteArray>>("key");
    QTest::addColumn<std::optional<QByteArray>>("value");
    QTest::addColumn<QString>("reason"); // a part of the error text

    const QByteArray ok = R"({"state":"RUNNING","trace":null,"worker_id":"w:1","generation":1})";
    QTest::newRow("no key") << std::optional<QByteArray>() << std::optional<QByteArray>(ok)
                            << QStringLiteral("without a key");
    QTest::newRow("unknown prefix") << std::optional<QByteArray>("connector-x")
                                    << std::optional<QByteArray>(ok)
                                    << QStringLiteral("unknown status key 'connector-x'");
    QTest::newRow("task without id") << std::optional<QByteArray>("status-task-orders")
                                     << std::optional<QByteArray>(ok) << QStringLiteral("has no task id");
    QTest::newRow("task id not a number")
        << std::optional<QByteArray>("status-task-orders-x") << std::optional<QByteArray>(ok)
        << QStringLiteral("has no task id");
    QTest::newRow("topic key without connector")
        << std::optional<QByteArray>("status-topic-orders") << std::optional<QByteArray>(ok)
        << QStringLiteral("malformed");
    QTest::newRow("not JSON") << std::optional<QByteArray>("status-connector-c")
                              << std::optional<QByteArray>("{\"state\":")
                              << QStringLiteral("invalid JSON at byte");
    QTest::newRow("binary garbage") << std::optional<QByteArray>("status-connector-c")
                                    << std::optional<QByteArray>(QByteArray("\x00\xff\x01", 3))
                                    << QStringLiteral("invalid JSON");
    QTest::newRow("array value") << std::optional<QByteArray>("status-connector-c")
                                 << std::optional<QByteArray>("[1,2]") << QStringLiteral("not a JSON object");
    QTest::newRow("unknown state") << std::optional<QByteArray>("status-task-c-0")
                                   << std::optional<QByteArray>(R"({"state":"SLEEPING","generation":1})")
                                   << QStringLiteral("unknown state 'SLEEPING'");
    QTest::newRow("state missing") << std::optional<QByteArray>("status-task-c-0")
                                   << std::optional<QByteArray>(R"({"generation":1})")
                                   << QStringLiteral("no string 'state'");
    QTest::newRow("generation missing")
        << std::optional<QByteArray>("status-task-c-0") << std::optional<QByteArray>(R"({"state":"RUNNING"})")
        << QStringLiteral("no integer 'generation'");
    QTest::newRow("generation fractional")
        << std::optional<QByteArray>("status-task-c-0")
        << std::optional<QByteArray>(R"({"state":"RUNNING","generation":1.5})")
        << QStringLiteral("no integer 'generation'");
    QTest::newRow("trace a number") << std::optional<QByteArray>("status-task-c-0")
                                    << std::optional<QByteArray>(
                                           R"({"state":"FAILED","generation":1,"trace":5})")
                                    << QStringLiteral("'trace'");
    QTest::newRow("topic value without topic object")
        << std::optional<QByteArray>("status-topic-t:connector-c")
        << std::optional<QByteArray>(R"({"name":"t"})") << QStringLiteral("no 'topic' object");
    QTest::newRow("topic value without task")
        << std::optional<QByteArray>("status-topic-t:connector-c")
        << std::optional<QByteArray>(R"({"topic":{"name":"t","connector":"c","discoverTimestamp":1}})")
        << QStringLiteral("integer 'task'");
}

void TestStatusRecord::undecodable()
{
    QFETCH(std::optional<QByteArray>, key);
    QFETCH(std::optional<QByteArray>, value);
    QFETCH(QString, reason);
    const StatusEvent event = decodeStatusRecord(record(key, value));
    QCOMPARE(event.kind, StatusRecordKind::Undecodable);
    QVERIFY2(event.error.contains(reason), qPrintable(event.error));
}

void TestStatusRecord::keepsPositionAndRawBytes()
{
    const StatusEvent event =
        decodeStatusRecord(record(QByteArray("status-connector-c"), QByteArray("\x01{\\", 3)));
    QCOMPARE(event.kind, StatusRecordKind::Undecodable);
    QCOMPARE(event.partition, 3);
    QCOMPARE(event.offset, qint64(41));
    QCOMPARE(event.timestampMs, qint64(1700000000123));
    QCOMPARE(event.rawKey, QStringLiteral("status-connector-c"));
    QCOMPARE(event.rawValue, QStringLiteral("\\x01{\\\\"));
}

QTEST_GUILESS_MAIN(TestStatusRecord)
#include "test_status_record.moc"
