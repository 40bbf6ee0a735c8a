// What a user pastes into the connector editor: curl commands as the Apache Kafka docs print them,
// create-request and flat JSON, Java .properties as shipped with Apache Kafka; and clear errors.
#include "client/connector_import.h"

#include <QtTest>

using connectdesk::client::importConnectorText;

class TestConnectorImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void curlFromTheDocs()
    {
        // The quickstart of the Apache Kafka documentation (Kafka Connect, REST API section).
        const auto r = importConnectorText(
            QStringLiteral(
                "curl -X POST -H \"Content-Type: application/json\" --data '{\"name\": \"local-file-sink\", "
                "\"config\": {\"connector.class\":\"FileStreamSinkConnector\", \"tasks.max\":\"1\", "
                "\"file\":\"test.sink.txt\", \"topics\":\"connect-test\" }}' "
                "http://localhost:8083/connectors"),
            QStringLiteral("pasted text"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("curl"));
        QCOMPARE(r.name, QStringLiteral("local-file-sink"));
        QCOMPARE(r.config.size(), 4);
        QCOMPARE(r.config.value(QStringLiteral("connector.class")),
                 QStringLiteral("FileStreamSinkConnector"));
        QCOMPARE(r.config.value(QStringLiteral("topics")), QStringLiteral("connect-test"));
        QVERIFY(!r.config.contains(QStringLiteral("name")));
    }

    void curlMultiLinePutConfig()
    {
        // Backslash-continued lines, a double-quoted body with escaped quotes, name in the URL only.
        const auto r = importConnectorText(
            QStringLiteral("$ curl -s -X PUT \\\n"
                           "  -H 'Content-Type: application/json' \\\n"
                           "  -d \"{\\\"connector.class\\\": \\\"FileStreamSource\\\", "
                           "\\\"tasks.max\\\": 1, \\\"file\\\": \\\"/tmp/a b.txt\\\"}\" \\\n"
                           "  http://localhost:8083/connectors/my%20source/config\n"),
            QStringLiteral("pasted text"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.name, QStringLiteral("my source"));
        QCOMPARE(r.config.value(QStringLiteral("file")), QStringLiteral("/tmp/a b.txt"));
        // A JSON number is taken as its text, as Jackson does for Apache's Map<String, String>.
        QCOMPARE(r.config.value(QStringLiteral("tasks.max")), QStringLiteral("1"));
    }

    void curlErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("body from file")
            << QStringLiteral("curl -X POST -d @connect-file-sink.json http://h:8083/connectors")
            << QStringLiteral("pasted text: the curl command reads its body from the file "
                              "connect-file-sink.json; import that file instead.");
        QTest::newRow("no body") << QStringLiteral("curl http://localhost:8083/connectors")
                                 << QStringLiteral(
                                        "pasted text: the curl command has no request body (-d or --data).");
        QTest::newRow("open quote") << QStringLiteral("curl -d '{\"a\":\"b\"} http://h/connectors")
                                    << QStringLiteral("pasted text: a quote (') is not closed");
        QTest::newRow("bad json body")
            << QStringLiteral("curl -d '{\"name\": \"x\",\n \"config\": {\"a\" \"b\"}}' http://h/connectors")
            << QStringLiteral(
                   "pasted text (the -d body): invalid JSON at line 2, column 17: Missing a colon after "
                   "a name of object member.");
    }

    void curlErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto r = importConnectorText(text, QStringLiteral("pasted text"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error, error);
    }

    void jsonShapes()
    {
        const auto create = importConnectorText(
            QStringLiteral(
                "{\"name\":\"s\",\"config\":{\"connector.class\":\"FileStreamSource\",\"topic\":\"t\"}}"),
            QStringLiteral("a.json"));
        QVERIFY2(create.ok(), qPrintable(create.error));
        QCOMPARE(create.format, QStringLiteral("json"));
        QCOMPARE(create.name, QStringLiteral("s"));
        QCOMPARE(create.config.value(QStringLiteral("topic")), QStringLiteral("t"));
        const auto flat = importConnectorText(
            QStringLiteral(
                "  {\"name\":\"f\",\"connector.class\":\"FileStreamSink\",\"errors.log.enable\":true}"),
            QStringLiteral("b.json"));
        QVERIFY2(flat.ok(), qPrintable(flat.error));
        QCOMPARE(flat.name, QStringLiteral("f"));
        QCOMPARE(flat.config.value(QStringLiteral("errors.log.enable")), QStringLiteral("true"));
        const auto nested =
            importConnectorText(QStringLiteral("{\"a\":{\"b\":1}}"), QStringLiteral("c.json"));
        QCOMPARE(nested.error, QStringLiteral("c.json: value of 'a' must be a string"));
        const auto array = importConnectorText(QStringLiteral("{\"a\": [1]}"), QStringLiteral("c.json"));
        QCOMPARE(array.error, QStringLiteral("c.json: value of 'a' must be a string"));
    }

    void propertiesAsShippedWithKafka()
    {
        // config/connect-file-source.properties of the Apache Kafka distribution (licence header cut).
        const auto r =
            importConnectorText(QStringLiteral("# comment\n"
                                               "name=local-file-source\n"
                                               "connector.class=FileStreamSource\n"
                                               "tasks.max=1\n"
                                               "file=test.txt\n"
                                               "topic=connect-test\n"
                                               "transforms: a\n"
                                               "transforms.a.type = org.apache.kafka.connect.transforms.\\\n"
                                               "    InsertField$Value\n"),
                                QStringLiteral("connect-file-source.properties"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("properties"));
        QCOMPARE(r.name, QStringLiteral("local-file-source"));
        QCOMPARE(r.config.size(), 6);
        QCOMPARE(r.config.value(QStringLiteral("transforms")), QStringLiteral("a"));
        QCOMPARE(r.config.value(QStringLiteral("transforms.a.type")),
                 QStringLiteral("org.apache.kafka.connect.transforms.InsertField$Value"));
    }

    void notAConfig()
    {
        QCOMPARE(importConnectorText(QStringLiteral("  \n "), QStringLiteral("pasted text")).error,
                 QStringLiteral("pasted text is empty."));
        QCOMPARE(
            importConnectorText(QStringLiteral("# only a comment\n"), QStringLiteral("x.properties")).error,
            QStringLiteral("x.properties holds no settings: expected JSON, a .properties file or a curl "
                           "command."));
        QCOMPARE(
            importConnectorText(QStringLiteral("\"connector.class\": \"x\"\n"), QStringLiteral("pasted text"))
                .error,
            QStringLiteral("pasted text is neither JSON, a .properties file nor a curl command (at "
                           "'\"connector.class\"')."));
    }
};

QTEST_MAIN(TestConnectorImport)
#include "test_connector_import.moc"
