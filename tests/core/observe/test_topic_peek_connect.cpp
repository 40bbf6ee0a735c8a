// peekLast against the real broker: records written as Connect's JsonConverter with schemas
// enabled writes them (hand-written envelopes) plus headers, decoded with the project's own
// converters under the settings a connector would have; payload and schema come apart, pretty.
#include "connect_ref_support.h"
#include "harness_env.h"

#include "observe/topic_peek.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace connectdesk::observe;
using namespace connectdesk::observe::testing;

namespace {

const QByteArray kStructSchema =
    R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"person"})";
const QByteArray kStructEnvelope = R"({"schema":)" + kStructSchema + R"(,"payload":{"id":7,"name":"Ada"}})";
const QByteArray kStringEnvelope = R"({"schema":{"type":"string","optional":false},"payload":"hello"})";
const QByteArray kNotJson = "plain text, not JSON";

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject object(const QString& json)
{
    return object(json.toUtf8());
}

} // namespace

class TestTopicPeekConnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void jsonConverterWithSchemas();
    void jsonConverterWithoutSchemas();
    void stringConverterShowsTextAsIs();
    void lastNKeepsTheNewest();
    void guessesWithoutConverterSettings();
    void missingTopicIsAnError();

private:
    PeekResult peek(const QMap<QString, QString>& converters, int lastN = 20);

    QString m_bootstrap;
    QString m_topic;
};

void TestTopicPeekConnect::initTestCase()
{
    m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    QVERIFY2(!m_bootstrap.isEmpty(), "KAFKA_BOOTSTRAP missing from the harness env (run through ctest)");
    KafkaHelper kafka(m_bootstrap);
    QVERIFY2(kafka.isValid(), qPrintable(kafka.lastError()));
    m_topic = uniqueName(QStringLiteral("obs-peek"));
    QVERIFY2(kafka.createTopic(m_topic, 1), qPrintable(kafka.lastError()));
    QVERIFY2(kafka.produce(m_topic, 0, QByteArray("k1"), kStructEnvelope,
                           {{QStringLiteral("trace-id"), QByteArray("abc-123")},
                            {QStringLiteral("count"), QByteArray("42")}}),
             qPrintable(kafka.lastError()));
    QVERIFY2(kafka.produce(m_topic, 0, QByteArray("k2"), kStringEnvelope), qPrintable(kafka.lastError()));
    QVERIFY2(kafka.produce(m_topic, 0, QByteArray("k3"), kNotJson), qPrintable(kafka.lastError()));
}

PeekResult TestTopicPeekConnect::peek(const QMap<QString, QString>& converters, int lastN)
{
    PeekRequest request;
    request.properties = {{"bootstrap.servers", m_bootstrap.toStdString()}};
    request.topic = m_topic;
    request.lastN = lastN;
    request.converterConfig = converters;
    request.timeoutMs = 20000;
    return peekLast(request);
}

void TestTopicPeekConnect::jsonConverterWithSchemas()
{
    const PeekResult result = peek(
        {{QStringLiteral("key.converter"),
          QStringLiteral("org.apache.kafka.connect.storage.StringConverter")},
         {QStringLiteral("value.converter"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter")},
         {QStringLiteral("value.converter.schemas.enable"), QStringLiteral("true")}});
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.records.size(), 3);

    const PeekedRecord& first = result.records.at(0);
    qInfo().noquote() << "payload:\n" << first.valueText << "\nschema:\n" << first.valueSchemaText;
    QCOMPARE(first.keyText, QStringLiteral("k1"));
    QVERIFY(first.keySchemaText.isEmpty());
    QCOMPARE(first.valueText, QStringLiteral("{\n    \"id\": 7,\n    \"name\": \"Ada\"\n}"));
    QCOMPARE(object(first.valueSchemaText), object(kStructSchema));
    // Pretty-printed in the order JsonConverter writes a schema (type, fields, optional, name).
    QVERIFY2(
        first.valueSchemaText.startsWith(QLatin1String("{\n    \"type\": \"struct\",\n    \"fields\": [")),
        qPrintable(first.valueSchemaText));
    QVERIFY2(first.decodeError.isEmpty(), qPrintable(first.decodeError));
    // SimpleHeaderConverter: "abc-123" stays a string, "42" is parsed as a number and shown as such.
    const QList<QPair<QString, QString>> headers = {{QStringLiteral("trace-id"), QStringLiteral("abc-123")},
                                                    {QStringLiteral("count"), QStringLiteral("42")}};
    QCOMPARE(first.headers, headers);
    QCOMPARE(first.raw.offset, qint64(0));
    QCOMPARE(*first.raw.value, kStructEnvelope);

    const PeekedRecord& second = result.records.at(1);
    QCOMPARE(second.valueText, QStringLiteral("\"hello\""));
    QCOMPARE(object(second.valueSchemaText), object(QByteArray(R"({"type":"string","optional":false})")));
    QVERIFY(second.headers.isEmpty());

    // The worker's JsonConverter would fail on this record; the peek says why and shows the text.
    const PeekedRecord& third = result.records.at(2);
    qInfo().noquote() << "decode error of a non-JSON value:" << third.decodeError;
    QVERIFY(!third.decodeError.isEmpty());
    QCOMPARE(third.valueText, QString::fromUtf8(kNotJson));
    QVERIFY(third.valueSchemaText.isEmpty());
}

void TestTopicPeekConnect::jsonConverterWithoutSchemas()
{
    const PeekResult result = peek(
        {{QStringLiteral("value.converter"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter")},
         {QStringLiteral("value.converter.schemas.enable"), QStringLiteral("false")}});
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.records.size(), 3);
    // Schemaless: the envelope is just a map with two members, shown whole.
    QCOMPARE(object(result.records.at(0).valueText), object(kStructEnvelope));
    QVERIFY(result.records.at(0).valueSchemaText.isEmpty());
    QVERIFY(result.records.at(0).valueText.contains(QLatin1Char('\n')));
}

void TestTopicPeekConnect::stringConverterShowsTextAsIs()
{
    const PeekResult result = peek({{QStringLiteral("value.converter"),
                                     QStringLiteral("org.apache.kafka.connect.storage.StringConverter")}});
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.records.size(), 3);
    QCOMPARE(result.records.at(0).valueText, QString::fromUtf8(kStructEnvelope));
    QCOMPARE(result.records.at(1).valueText, QString::fromUtf8(kStringEnvelope));
    QCOMPARE(result.records.at(2).valueText, QString::fromUtf8(kNotJson));
    for (const PeekedRecord& record : result.records) {
        QVERIFY(record.valueSchemaText.isEmpty());
        QVERIFY(record.decodeError.isEmpty());
    }
}

void TestTopicPeekConnect::lastNKeepsTheNewest()
{
    const PeekResult result = peek({{QStringLiteral("value.converter"),
                                     QStringLiteral("org.apache.kafka.connect.storage.StringConverter")}},
                                   2);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(result.records.at(0).raw.offset, qint64(1));
    QCOMPARE(result.records.at(1).raw.offset, qint64(2));
    QCOMPARE(result.records.at(1).valueText, QString::fromUtf8(kNotJson));
}

void TestTopicPeekConnect::guessesWithoutConverterSettings()
{
    const PeekResult result = peek({});
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.records.size(), 3);
    QCOMPARE(result.records.at(0).keyText, QStringLiteral("k1"));
    QCOMPARE(object(result.records.at(0).valueText), object(QByteArray(R"({"id":7,"name":"Ada"})")));
    QCOMPARE(object(result.records.at(0).valueSchemaText), object(kStructSchema));
    QVERIFY(result.records.at(0).valueSchemaText.startsWith(QLatin1String("{\n    \"type\": \"struct\"")));
    QCOMPARE(result.records.at(2).valueText, QString::fromUtf8(kNotJson));
    QVERIFY(result.records.at(2).decodeError.isEmpty());
}

void TestTopicPeekConnect::missingTopicIsAnError()
{
    PeekRequest request;
    request.properties = {{"bootstrap.servers", m_bootstrap.toStdString()}};
    request.topic = uniqueName(QStringLiteral("obs-peek-missing"));
    request.timeoutMs = 10000;
    const PeekResult result = peekLast(request);
    QVERIFY(result.records.isEmpty());
    QVERIFY2(result.error.contains(request.topic) && result.error.contains(QLatin1String("does not exist")),
             qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TestTopicPeekConnect)
#include "test_topic_peek_connect.moc"
