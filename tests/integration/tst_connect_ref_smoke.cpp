// Smoke test of the reference fixture: the real Apache Kafka Connect 4.1.1 answers its REST API
// (spec/connect-rest-api.md: GET / and GET /connector-plugins), so comparisons against it are valid.
#include "harness_env.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <memory>

namespace connectdesk::testing {

class ConnectRefSmokeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rootReportsVersionAndCluster();
    void connectorPluginsListFileConnectors_data();
    void connectorPluginsListFileConnectors();

private:
    // GETs `path` and waits for the whole reply; the reply is checked by the caller.
    std::unique_ptr<QNetworkReply> get(const QString& path);

    QNetworkAccessManager m_network;
    QUrl m_base;
};

void ConnectRefSmokeTest::initTestCase()
{
    const QString url = harnessValue(QStringLiteral("CONNECT_URL"));
    const QByteArray message =
        "CONNECT_URL is missing from the harness env file '" + qgetenv("CONNECTDESK_HARNESS_ENV") +
        "': this test needs the real Apache Kafka Connect of the `connect_ref` fixture; run it through "
        "ctest (ctest -L connect-ref) so harness_connect_start runs first";
    QVERIFY2(!url.isEmpty(), message.constData());
    m_base = QUrl(url);
    QVERIFY2(m_base.isValid(), qPrintable(QStringLiteral("CONNECT_URL is not a URL: %1").arg(url)));
}

std::unique_ptr<QNetworkReply> ConnectRefSmokeTest::get(const QString& path)
{
    QNetworkRequest request(m_base.resolved(QUrl(path)));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(20000);
    return std::unique_ptr<QNetworkReply>(m_network.get(request));
}

void ConnectRefSmokeTest::rootReportsVersionAndCluster()
{
    const auto reply = get(QStringLiteral("/"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonObject root = document.object();
    QCOMPARE(root.value(QLatin1String("version")).toString(), QStringLiteral("4.1.1"));
    QVERIFY(!root.value(QLatin1String("commit")).toString().isEmpty());
    const QString clusterId = root.value(QLatin1String("kafka_cluster_id")).toString();
    QVERIFY(!clusterId.isEmpty());
    // The harness formatted the broker's storage with this id, so Connect really talks to it.
    const QString formatted = harnessValue(QStringLiteral("KAFKA_CLUSTER_ID"));
    if (!formatted.isEmpty())
        QCOMPARE(clusterId, formatted);
}

void ConnectRefSmokeTest::connectorPluginsListFileConnectors_data()
{
    QTest::addColumn<QString>("className");
    QTest::addColumn<QString>("type");
    QTest::newRow("file source") << QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceConnector")
                                 << QStringLiteral("source");
    QTest::newRow("file sink") << QStringLiteral("org.apache.kafka.connect.file.FileStreamSinkConnector")
                               << QStringLiteral("sink");
}

void ConnectRefSmokeTest::connectorPluginsListFileConnectors()
{
    QFETCH(QString, className);
    QFETCH(QString, type);
    const auto reply = get(QStringLiteral("/connector-plugins"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonArray plugins = QJsonDocument::fromJson(reply->readAll()).array();
    QVERIFY(!plugins.isEmpty());
    QJsonObject found;
    for (const QJsonValue& plugin : plugins) {
        if (plugin.toObject().value(QLatin1String("class")).toString() == className)
            found = plugin.toObject();
    }
    QVERIFY2(!found.isEmpty(), qPrintable(className + QStringLiteral(" not listed")));
    QCOMPARE(found.value(QLatin1String("type")).toString(), type);
    QCOMPARE(found.value(QLatin1String("version")).toString(), QStringLiteral("4.1.1"));
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::ConnectRefSmokeTest)
#include "tst_connect_ref_smoke.moc"
