// Checks that failed calls are described in words a person understands, for the error bodies and
// transport failures of spec/connect-rest-api.md §2.4, §2.5, §4.5 and §7.2.
#include "client/client_error.h"

#include <QTest>

using connectdesk::client::ClientError;

Q_DECLARE_METATYPE(ClientError::Kind)

class TestClientError : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fromHttp_data();
    void fromHttp();
    void transport_data();
    void transport();
};

void TestClientError::fromHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ClientError::Kind>("kind");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("sentence");

    QTest::newRow("basic-auth 401 plain body")
        << 401 << QByteArray("User cannot access the resource.") << ClientError::Kind::Unauthorized << 0
        << false
        << QStringLiteral("The worker at http://w:8083 refused the credentials (HTTP 401). Check the user "
                          "name and password of this cluster.");
    QTest::newRow("rebalance 409")
        << 409
        << QByteArray(
               R"({"error_code":409,"message":"Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway."})")
        << ClientError::Kind::Conflict << 409 << true
        << QStringLiteral("The Connect cluster is busy rebalancing or applying another change; try again in "
                          "a few seconds. (Cannot complete request momentarily due to no known leader URL, "
                          "likely because a rebalance was underway.)");
    QTest::newRow("exists 409") << 409
                                << QByteArray(
                                       R"({"error_code":409,"message":"Connector file-sink already exists"})")
                                << ClientError::Kind::Conflict << 409 << false
                                << QStringLiteral("Connector file-sink already exists.");
    QTest::newRow("validation 400")
        << 400
        << QByteArray(
               R"({"error_code":400,"message":"Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration \"file\" which has no default value.\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"})")
        << ClientError::Kind::BadRequest << 400 << false
        << QStringLiteral("The connector configuration is not valid: Missing required configuration \"file\" "
                          "which has no default value.");
    QTest::newRow("not found 404") << 404
                                   << QByteArray(
                                          R"({"error_code":404,"message":"Connector my-sink not found"})")
                                   << ClientError::Kind::NotFound << 404 << false
                                   << QStringLiteral("Not found: Connector my-sink not found");
    QTest::newRow("unknown route 404")
        << 404 << QByteArray(R"({"error_code":404,"message":"HTTP 404 Not Found"})")
        << ClientError::Kind::NotFound << 404 << false
        << QStringLiteral(
               "The worker at http://w:8083 does not offer this operation (HTTP 404); it may be an "
               "older or newer Kafka Connect version.");
    QTest::newRow("herder timeout 500")
        << 500
        << QByteArray(
               R"({"error_code":500,"message":"Request timed out. The worker is currently ensuring membership in the cluster, which began at 2025-05-01T10:15:02.120Z."})")
        << ClientError::Kind::ServerError << 500 << true
        << QStringLiteral("The worker did not finish the request within its 90 second limit; it may still "
                          "complete. Request timed out. The worker is currently ensuring membership in the "
                          "cluster, which began at 2025-05-01T10:15:02.120Z.");
    QTest::newRow("unknown class 400 (4.1+)")
        << 400
        << QByteArray(
               R"({"error_code":400,"message":"Failed to find any class that implements Connector and which name matches Nope, available connectors are: PluginDesc{klass=class A}, PluginDesc{klass=class B}"})")
        << ClientError::Kind::BadRequest << 400 << false
        << QStringLiteral("The worker has no connector plugin with that class: Failed to find any class that "
                          "implements Connector and which name matches Nope");
    QTest::newRow("unknown class 500 (<=4.0)")
        << 500
        << QByteArray(
               R"({"error_code":500,"message":"Failed to find any class that implements Connector and which name matches Nope, available connectors are: PluginDesc{klass=class A}"})")
        << ClientError::Kind::ServerError << 500 << false
        << QStringLiteral("The worker has no connector plugin with that class: Failed to find any class that "
                          "implements Connector and which name matches Nope");
    QTest::newRow("jetty html 503")
        << 503 << QByteArray("<html><body><h2>HTTP ERROR 503 Service Unavailable</h2></body></html>")
        << ClientError::Kind::ServerError << 0 << false
        << QStringLiteral("The worker failed: HTTP ERROR 503 Service Unavailable");
}

void TestClientError::fromHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ClientError::Kind, kind);
    QFETCH(int, errorCode);
    QFETCH(bool, retryable);
    QFETCH(QString, sentence);
    const ClientError error =
        ClientError::fromHttp(status, body, QUrl(QStringLiteral("http://user:secret@w:8083/base")));
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.errorCode, errorCode);
    QCOMPARE(error.retryable, retryable);
    QCOMPARE(error.sentence, sentence);
    QVERIFY2(!error.sentence.contains(QLatin1String("secret")), "credentials must never be shown");
}

void TestClientError::transport_data()
{
    QTest::addColumn<int>("transport");
    QTest::addColumn<ClientError::Kind>("kind");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("refused") << int(ClientError::Transport::Refused) << ClientError::Kind::Unreachable
                             << QStringLiteral(
                                    "Cannot reach the Connect worker at https://w:8443: the connection "
                                    "was refused. Is the worker running and is the address right?");
    QTest::newRow("dns") << int(ClientError::Transport::HostNotFound) << ClientError::Kind::Unreachable
                         << QStringLiteral("Cannot reach the Connect worker at https://w:8443: the host name "
                                           "is unknown.");
    QTest::newRow("timeout") << int(ClientError::Transport::Timeout) << ClientError::Kind::Timeout
                             << QStringLiteral(
                                    "The Connect worker at https://w:8443 did not answer within 30 "
                                    "seconds.");
    QTest::newRow("tls") << int(ClientError::Transport::Tls) << ClientError::Kind::Tls
                         << QStringLiteral(
                                "The secure connection to https://w:8443 failed: detail. Check the "
                                "CA certificate and client certificate of this cluster.");
}

void TestClientError::transport()
{
    QFETCH(int, transport);
    QFETCH(ClientError::Kind, kind);
    QFETCH(QString, sentence);
    const ClientError error =
        ClientError::fromTransport(static_cast<ClientError::Transport>(transport), QStringLiteral("detail"),
                                   QUrl(QStringLiteral("https://w:8443/x")), 30'000);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, 0);
    QCOMPARE(error.sentence, sentence);
}

QTEST_GUILESS_MAIN(TestClientError)
#include "test_client_error.moc"
