// The JSON helpers the peek uses to show record bytes: pretty text that keeps members in written
// order and numbers as written, and recognition of JsonConverter envelopes (spec §2.3).
#include "observe/observe_json.h"

#include <QTest>

using namespace connectdesk::observe::detail;

class TestObserveJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void prettyText_data();
    void prettyText();
    void envelope_data();
    void envelope();
};

void TestObserveJson::prettyText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("text");

    QTest::newRow("members in written order")
        << QByteArray(R"({"z":1,"a":[true,null]})") << true
        << QStringLiteral("{\n    \"z\": 1,\n    \"a\": [\n        true,\n        null\n    ]\n}");
    QTest::newRow("numbers as written")
        << QByteArray(R"([1.50,9007199254740993,-0.0,1e3])") << true
        << QStringLiteral("[\n    1.50,\n    9007199254740993,\n    -0.0,\n    1e3\n]");
    QTest::newRow("scalar string") << QByteArray(R"( "hi" )") << true << QStringLiteral("\"hi\"");
    QTest::newRow("trailing whitespace") << QByteArray("{}\n") << true << QStringLiteral("{}");
    QTest::newRow("trailing garbage") << QByteArray("{} x") << false << QString();
    QTest::newRow("two values") << QByteArray("1 2") << false << QString();
    QTest::newRow("not JSON") << QByteArray("hello") << false << QString();
    QTest::newRow("empty") << QByteArray() << false << QString();
}

void TestObserveJson::prettyText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(QString, text);
    const std::optional<QString> pretty = prettyJsonText(bytes);
    QCOMPARE(pretty.has_value(), ok);
    if (ok)
        QCOMPARE(*pretty, text);
}

void TestObserveJson::envelope_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("payload");

    QTest::newRow("int32") << QByteArray(R"({"schema":{"type":"int32","optional":false},"payload":42})")
                           << true
                           << QStringLiteral("{\n    \"type\": \"int32\",\n    \"optional\": false\n}")
                           << QStringLiteral("42");
    QTest::newRow("payload first, null schema")
        << QByteArray(R"({"payload":{"b":1,"a":2},"schema":null})") << true << QString()
        << QStringLiteral("{\n    \"b\": 1,\n    \"a\": 2\n}");
    QTest::newRow("extra member") << QByteArray(R"({"schema":null,"payload":1,"x":0})") << false << QString()
                                  << QString();
    QTest::newRow("payload missing") << QByteArray(R"({"schema":null,"data":1})") << false << QString()
                                     << QString();
    QTest::newRow("array") << QByteArray(R"([{"schema":null},{"payload":1}])") << false << QString()
                           << QString();
    QTest::newRow("not JSON") << QByteArray("schema payload") << false << QString() << QString();
}

void TestObserveJson::envelope()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    const std::optional<EnvelopeText> text = prettyEnvelope(bytes);
    QCOMPARE(text.has_value(), ok);
    if (ok) {
        QTEST(text->schema, "schema");
        QTEST(text->payload, "payload");
    }
}

QTEST_GUILESS_MAIN(TestObserveJson)
#include "test_observe_json.moc"
