// Decoding of offsets-topic records (spec/connect-data-and-config.md §8.3) from hand-written keys
// and values: source offsets, resets (tombstones), exact 64-bit positions, and malformed rows.
#include "observe/offsets_record.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

using connectdesk::observe::decodeOffsetRecord;
using connectdesk::observe::OffsetEvent;
using connectdesk::observe::TopicRecord;

Q_DECLARE_METATYPE(std::optional<QByteArray>)

namespace {

using Bytes = std::optional<QByteArray>;

TopicRecord record(const Bytes& key, const Bytes& value)
{
    TopicRecord r;
    r.topic = QStringLiteral("connect-offsets");
    r.partition = 11;
    r.offset = 5;
    r.timestampMs = 1700000000789;
    r.key = key;
    r.value = value;
    return r;
}

QByteArray compact(const QJsonValue& value)
{
    if (value.isNull())
        return "null";
    return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestOffsetsRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodes_data();
    void decodes();
    void keepsSixtyFourBitPositions();
    void undecodable_data();
    void undecodable();
};

void TestOffsetsRecord::decodes_data()
{
    QTest::addColumn<Bytes>("key");
    QTest::addColumn<Bytes>("value");
    QTest::addColumn<QString>("connector");
    QTest::addColumn<QByteArray>("sourcePartition");
    QTest::addColumn<bool>("reset");
    QTest::addColumn<QByteArray>("sourceOffset");

    QTest::newRow("FileStreamSource")
        << Bytes(R"(["orders-src",{"filename":"/data/orders.txt"}])") << Bytes(R"({"position":20480})")
        << QStringLiteral("orders-src") << QByteArray(R"({"filename":"/data/orders.txt"})") << false
        << QByteArray(R"({"position":20480})");
    QTest::newRow("members in Java hash order")
        << Bytes(R"(["c",{"table":"t","db":"d"}])") << Bytes(R"({"ts":5,"id":"x"})") << QStringLiteral("c")
        << QByteArray(R"({"db":"d","table":"t"})") << false << QByteArray(R"({"id":"x","ts":5})");
    QTest::newRow("null partition") << Bytes(R"(["c",null])") << Bytes(R"({"n":1})") << QStringLiteral("c")
                                    << QByteArray("null") << false << QByteArray(R"({"n":1})");
    QTest::newRow("reset") << Bytes(R"(["c",{"filename":"f"}])") << Bytes() << QStringLiteral("c")
                           << QByteArray(R"({"filename":"f"})") << true << QByteArray();
}

void TestOffsetsRecord::decodes()
{
    QFETCH(Bytes, key);
    QFETCH(Bytes, value);
    QFETCH(QByteArray, sourcePartition);
    QFETCH(bool, reset);
    QFETCH(QByteArray, sourceOffset);
    const OffsetEvent event = decodeOffsetRecord(record(key, value));
    QVERIFY2(event.error.isEmpty(), qPrintable(event.error));
    QTEST(event.connector, "connector");
    QCOMPARE(compact(event.sourcePartition), sourcePartition);
    QCOMPARE(!event.sourceOffset.has_value(), reset);
    if (!reset)
        QCOMPARE(compact(*event.sourceOffset), sourceOffset);
    QCOMPARE(event.partition, 11);
    QCOMPARE(event.offset, qint64(5));
    QCOMPARE(event.timestampMs, qint64(1700000000789));
}

void TestOffsetsRecord::keepsSixtyFourBitPositions()
{
    // 2^53 + 1 is not representable as a double: a double round trip would give ...992.
    const OffsetEvent event = decodeOffsetRecord(
        record(QByteArray(R"(["c",{"p":0}])"), QByteArray(R"({"position":9007199254740993})")));
    QVERIFY2(event.error.isEmpty(), qPrintable(event.error));
    QCOMPARE(event.sourceOffset->toObject().value(QLatin1String("position")).toInteger(),
             Q_INT64_C(9007199254740993));
}

void TestOffsetsRecord::undecodable_data()
{
    QTest::addColumn<Bytes>("key");
    QTest::addColumn<Bytes>("value");
    QTest::addColumn<QString>("reason");

    QTest::newRow("no key") << Bytes() << Bytes(R"({"n":1})") << QStringLiteral("without a key");
    QTest::newRow("key not JSON") << Bytes("orders-src") << Bytes(R"({"n":1})")
                                  << QStringLiteral("key: invalid JSON");
    QTest::newRow("key an object") << Bytes(R"({"c":{}})") << Bytes(R"({"n":1})")
                                   << QStringLiteral("key is not [\"<connector>\"");
    QTest::newRow("key one element") << Bytes(R"(["c"])") << Bytes(R"({"n":1})")
                                     << QStringLiteral("key is not");
    QTest::newRow("key name not a string")
        << Bytes(R"([1,{}])") << Bytes(R"({"n":1})") << QStringLiteral("key is not");
    QTest::newRow("key partition a list")
        << Bytes(R"(["c",[1]])") << Bytes(R"({"n":1})") << QStringLiteral("key is not");
    QTest::newRow("value not JSON") << Bytes(R"(["c",{}])") << Bytes("\xff")
                                    << QStringLiteral("value: invalid JSON");
    QTest::newRow("value a number") << Bytes(R"(["c",{}])") << Bytes("42")
                                    << QStringLiteral("not a JSON object");
}

void TestOffsetsRecord::undecodable()
{
    QFETCH(Bytes, key);
    QFETCH(Bytes, value);
    QFETCH(QString, reason);
    const OffsetEvent event = decodeOffsetRecord(record(key, value));
    QVERIFY2(event.error.contains(reason), qPrintable(event.error));
}

QTEST_GUILESS_MAIN(TestOffsetsRecord)
#include "test_offsets_record.moc"
