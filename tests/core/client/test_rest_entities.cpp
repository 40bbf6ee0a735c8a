// Checks the REST entity readers against hand-written bodies shaped as in
// spec/connect-rest-api.md §3 and §4, including the 3.7–4.2 differences the client must tolerate.
#include "client/rest_entities.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace connectdesk::client;

class TestRestEntities : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void expandedConnectors();
    void configKeyOrder_data();
    void configKeyOrder();
    void validateResult();
    void malformedBodiesAreErrors_data();
    void malformedBodiesAreErrors();
    void offsetsRoundTrip();
};

void TestRestEntities::expandedConnectors()
{
    QFile file(qEnvironmentVariable("CONNECTDESK_TEST_DATA") + QStringLiteral("/expand_status_info.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QString error;
    const auto list = rest::parseExpandedConnectors(file.readAll(), &error);
    QVERIFY2(list.has_value(), qPrintable(error));
    QCOMPARE(list->size(), 3);
    // Sorted by name.
    QCOMPARE(list->at(0).name, QStringLiteral("a-source"));
    QCOMPARE(list->at(1).name, QStringLiteral("half-known"));
    QCOMPARE(list->at(2).name, QStringLiteral("s3-sink"));

    const ConnectorOverview& source = list->at(0);
    QVERIFY(source.status.has_value());
    QVERIFY(!source.info.has_value());
    QCOMPARE(source.status->connector.state, QStringLiteral("FUTURE_STATE")); // kept, not rejected
    QCOMPARE(source.status->connector.trace, QStringLiteral("legacy trace")); // `msg` alias
    QVERIFY(source.status->tasks.isEmpty());

    QVERIFY(!list->at(1).status.has_value());
    QVERIFY(!list->at(1).info.has_value());

    const ConnectorOverview& sink = list->at(2);
    QCOMPARE(sink.status->connector.version, QStringLiteral("4.1.0"));
    QCOMPARE(sink.status->tasks.size(), 2);
    QCOMPARE(sink.status->tasks[0].trace, QString());
    QCOMPARE(sink.status->tasks[0].version, QString());
    QCOMPARE(sink.status->tasks[1].id, 1);
    QCOMPARE(sink.status->tasks[1].state, QStringLiteral("FAILED"));
    QVERIFY(sink.status->tasks[1].trace.startsWith(
        QLatin1String("org.apache.kafka.connect.errors.ConnectException: boom\n")));
    QCOMPARE(sink.info->config.value(QStringLiteral("tasks.max")), QStringLiteral("2")); // number → string
    QCOMPARE(sink.info->tasks.size(), 2);
    QCOMPARE(sink.info->tasks[1], (ConnectorTaskId{QStringLiteral("s3-sink"), 1}));
    QCOMPARE(sink.info->type, QStringLiteral("sink"));
}

void TestRestEntities::configKeyOrder_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("order");
    QTest::addColumn<bool>("hasDefault");
    QTest::newRow("<=4.1 order")
        << QByteArray(
               R"([{"name":"tasks.max","type":"INT","required":false,"default_value":"1","importance":"HIGH","documentation":"Maximum number of tasks to use for this connector.","group":"Common","width":"SHORT","display_name":"Tasks max","dependents":[],"order":3}])")
        << 3 << true;
    QTest::newRow(">=4.2 order_in_group")
        << QByteArray(
               R"([{"name":"tasks.max","type":"INT","required":false,"default_value":"1","importance":"HIGH","documentation":null,"group":"Common","width":"SHORT","display_name":"Tasks max","dependents":[],"order_in_group":3}])")
        << 3 << true;
    QTest::newRow("unset order, null default")
        << QByteArray(
               R"([{"name":"tasks.max","type":"INT","required":true,"default_value":null,"importance":"HIGH","documentation":null,"group":null,"width":"NONE","display_name":"Tasks max","dependents":["a","b"],"order":-1}])")
        << -1 << false;
}

void TestRestEntities::configKeyOrder()
{
    QFETCH(QByteArray, body);
    QFETCH(int, order);
    QFETCH(bool, hasDefault);
    QString error;
    const auto keys = rest::parseConfigKeys(body, &error);
    QVERIFY2(keys.has_value(), qPrintable(error));
    QCOMPARE(keys->size(), 1);
    QCOMPARE(keys->at(0).name, QStringLiteral("tasks.max"));
    QCOMPARE(keys->at(0).displayName, QStringLiteral("Tasks max"));
    QCOMPARE(keys->at(0).order, order);
    QCOMPARE(keys->at(0).defaultValue.has_value(), hasDefault);
}

void TestRestEntities::validateResult()
{
    const QByteArray body =
        R"({"name":"org.apache.kafka.connect.file.FileStreamSinkConnector","error_count":1,
      "groups":["Common","Transforms","Predicates","Error Handling"],
      "configs":[{"definition":{"name":"name","type":"STRING","required":true,"default_value":null,"importance":"HIGH",
        "documentation":"Globally unique name to use for this connector.","group":"Common","width":"MEDIUM",
        "display_name":"Connector name","dependents":[],"order":1},
       "value":{"name":"name","value":null,"recommended_values":[],
        "errors":["Missing required configuration \"name\" which has no default value."],"visible":true}}]})";
    QString error;
    const auto infos = rest::parseConfigInfos(body, &error);
    QVERIFY2(infos.has_value(), qPrintable(error));
    QCOMPARE(infos->errorCount, 1);
    QCOMPARE(infos->groups.size(), 4);
    QCOMPARE(infos->configs.size(), 1);
    QVERIFY(!infos->configs[0].value->value.has_value());
    QCOMPARE(
        infos->configs[0].value->errors,
        QStringList{QStringLiteral("Missing required configuration \"name\" which has no default value.")});
    QCOMPARE(infos->configs[0].definition->group, QStringLiteral("Common"));
}

void TestRestEntities::malformedBodiesAreErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArray(R"({"version":"3.9.0",)");
    QTest::newRow("array instead of object") << QByteArray("[]");
    QTest::newRow("html") << QByteArray("<html>oops</html>");
    QTest::newRow("no version") << QByteArray(R"({"commit":"abc"})");
}

void TestRestEntities::malformedBodiesAreErrors()
{
    QFETCH(QByteArray, body);
    QString error;
    QVERIFY(!rest::parseServerInfo(body, &error).has_value());
    QVERIFY(!error.isEmpty());
}

void TestRestEntities::offsetsRoundTrip()
{
    const QByteArray body =
        R"({"offsets":[{"partition":{"kafka_topic":"test","kafka_partition":0},"offset":{"kafka_offset":5}},{"partition":{"kafka_topic":"test","kafka_partition":1},"offset":null}]})";
    QString error;
    const auto offsets = rest::parseOffsets(body, &error);
    QVERIFY2(offsets.has_value(), qPrintable(error));
    QCOMPARE(offsets->size(), 2);
    QVERIFY(offsets->at(0).offset.has_value());
    QVERIFY(!offsets->at(1).offset.has_value());
    QCOMPARE(rest::offsetsToJson(*offsets), QJsonDocument::fromJson(body).object());
}

QTEST_GUILESS_MAIN(TestRestEntities)
#include "test_rest_entities.moc"
