// The REST server on the real StandaloneHerder (sandbox cluster, real FileStream plugin): the
// same scripted conversation that tst_rest_conformance runs against Apache Kafka Connect, so
// our worker answers like Apache except where data/known_differences.json says why.
#include "converters/converter_registry.h"
#include "kafka/sandbox_cluster.h"
#include "rest/rest_server.h"
#include "rest_case_table.h"
#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"
#include "sandbox_rest_worker.h"

#include <connectdesk/sdk/plugin.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace connectdesk::testing {

class RestStandaloneTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void conversation_data();
    void conversation();
    void metricsEndpoint();

private:
    HttpResult call(const char* method, const QString& path, const QByteArray& body = {});
    QTemporaryDir m_dir;
    std::unique_ptr<kafka::SandboxCluster> m_kafka;
    std::unique_ptr<runtime::Plugins> m_plugins;
    std::unique_ptr<runtime::StandaloneHerder> m_herder;
    std::unique_ptr<rest::RestServer> m_server;
    QNetworkAccessManager m_network;
    QUrl m_base;
    std::vector<RestCase> m_cases;
};

void RestStandaloneTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_kafka = std::make_unique<kafka::SandboxCluster>();
    m_kafka->start();
    m_kafka->createTopic("cd-rest-conformance", 1);
    m_plugins = std::make_unique<runtime::Plugins>();
    m_plugins->loadPluginPath(runtime::defaultPluginDirs());
    QVERIFY2(m_plugins->findConnector("FileStreamSink") != nullptr, "connect-file plugin not found");
    m_plugins->addBuiltinConverters();
    m_herder = testing::startSandboxHerder(
        {{"bootstrap.servers", "sandbox"},
         {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
         {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
         {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("connect.offsets")).toStdString()},
         {"offset.flush.interval.ms", "500"},
         {"consumer.session.timeout.ms", "6000"}},
        *m_plugins, *m_kafka);
    QVERIFY(m_herder->ready());
    std::string problem;
    m_base = testing::startLoopbackRestServer(*m_herder, {}, m_server, problem);
    QVERIFY2(!m_base.isEmpty(), problem.c_str());
    // Runtime gaps are listed apart from the deliberate differences, each with the reason.
    m_cases =
        loadRestCases(QStringLiteral(CONNECTDESK_REST_CASES), QStringLiteral("cd-standalone"),
                      {QStringLiteral(CONNECTDESK_REST_DIFFERENCES), QStringLiteral(CONNECTDESK_REST_GAPS)});
    QVERIFY(m_cases.size() >= 60);
}

void RestStandaloneTest::cleanupTestCase()
{
    m_server.reset();
    if (m_herder)
        m_herder->stop();
    m_herder.reset();
    // StandaloneHerder (today) can leave task-closing threads of deleted connectors running past
    // its destructor; unloading the plugin library under them crashed in WorkerSinkTask::close.
    // Keep the plugins and the sandbox until process exit; reported to core/runtime.
    static_cast<void>(m_plugins.release());
    static_cast<void>(m_kafka.release());
}

void RestStandaloneTest::conversation_data()
{
    QTest::addColumn<int>("index");
    const auto cases = loadRestCases(QStringLiteral(CONNECTDESK_REST_CASES), QStringLiteral("x"));
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases[i].id)) << static_cast<int>(i);
}

void RestStandaloneTest::conversation()
{
    QFETCH(int, index);
    RestCase restCase = m_cases.at(static_cast<std::size_t>(index));
    // The status topic of a real worker lags; our herder answers at once, but tasks still start
    // on their own threads, so the same patience applies.
    HttpResult result;
    QString why;
    QVERIFY2(runRestCase(m_network, m_base, restCase, result, why),
             qPrintable(QString::fromLatin1(restCase.method) + QLatin1Char(' ') + restCase.path +
                        QStringLiteral(": ") + why));
}

HttpResult RestStandaloneTest::call(const char* method, const QString& path, const QByteArray& body)
{
    RestCase c;
    c.method = method;
    c.path = path;
    c.body = body;
    c.hasBody = !body.isEmpty();
    c.contentType = "application/json";
    return sendRestCase(m_network, m_base, c);
}

void RestStandaloneTest::metricsEndpoint()
{
    // A source that writes 250 lines, then the worker's figures through GET /connectdesk/metrics.
    const QString file = m_dir.filePath(QStringLiteral("metrics-in.txt"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 250; ++i)
            f.write(QByteArray::number(i) + '\n');
    }
    const QJsonObject create{
        {QStringLiteral("name"), QStringLiteral("cd-metrics")},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("file"), file},
                     {QStringLiteral("topic"), QStringLiteral("cd-rest-conformance")}}}};
    QCOMPARE(call("POST", QStringLiteral("/connectors"), QJsonDocument(create).toJson()).status, 201);
    QJsonObject task;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const HttpResult r = call("GET", QStringLiteral("/connectdesk/metrics"));
            if (r.status != 200)
                return false;
            for (const auto& t :
                 QJsonDocument::fromJson(r.body).object().value(QLatin1String("tasks")).toArray())
                if (t[QLatin1String("connector")] == QLatin1String("cd-metrics"))
                    task = t.toObject();
            return task[QLatin1String("metrics")][QLatin1String("source-task-metrics")]
                       [QLatin1String("source-record-write-total")]
                           .toDouble() == 250;
        }(),
        30000);
    QCOMPARE(task[QLatin1String("task")].toInt(), 0);
    QCOMPARE(task[QLatin1String("status")].toString(), QStringLiteral("running"));
    const QJsonObject source =
        task[QLatin1String("metrics")][QLatin1String("source-task-metrics")].toObject();
    QCOMPARE(source[QLatin1String("source-record-poll-total")].toDouble(), 250.0);
    // Apache's Rate: 250 records over at least one 30 s window (metrics.num.samples - 1 = 1).
    const double rate = source[QLatin1String("source-record-write-rate")].toDouble();
    QVERIFY2(rate > 0 && rate <= 250.0 / 30.0 + 1e-9, qPrintable(QString::number(rate)));
    QVERIFY(task[QLatin1String("metrics")][QLatin1String("task-error-metrics")].toObject().contains(
        QLatin1String("total-record-errors")));

    const HttpResult text = call("GET", QStringLiteral("/connectdesk/metrics?format=prometheus"));
    QCOMPARE(text.status, 200);
    QVERIFY2(text.headers.value("content-type").startsWith("text/plain; version=0.0.4"),
             text.headers.value("content-type").constData());
    QVERIFY2(
        text.body.contains("# TYPE kafka_connect_source_task_metrics_source_record_write_total counter\n"),
        text.body.constData());
    QVERIFY(text.body.contains("kafka_connect_source_task_metrics_source_record_write_total{connector=\"cd-"
                               "metrics\",task=\"0\"} 250\n"));
    QVERIFY(text.body.contains("kafka_connect_connect_worker_metrics_connector_count "));

    const HttpResult bad = call("GET", QStringLiteral("/connectdesk/metrics?format=xml"));
    QCOMPARE(bad.status, 400);
    QCOMPARE(QJsonDocument::fromJson(bad.body).object().value(QLatin1String("message")).toString(),
             QStringLiteral("Unknown metrics format xml: use json or prometheus."));
    QCOMPARE(call("DELETE", QStringLiteral("/connectors/cd-metrics")).status, 204);
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::RestStandaloneTest)
#include "tst_rest_standalone.moc"
