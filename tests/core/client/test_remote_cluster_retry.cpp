// Reads answered 409 while a Connect group rebalances (spec §2.3) are retried with back-off
// (§8.1); writes are not repeated and come back as the rebalance sentence.
#include "client/remote_cluster_client.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace connectdesk::client;

namespace {

// Answers the first `conflicts` requests with Connect's rebalance 409, then 200 with a ServerInfo.
class RebalancingWorker : public QTcpServer {
public:
    int conflicts = 0;
    int requests = 0;
    QList<QByteArray> methods;

    RebalancingWorker()
    {
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray request = socket->readAll();
                    methods << request.left(request.indexOf(' '));
                    const bool conflict = requests++ < conflicts;
                    const QByteArray body =
                        conflict
                            ? QByteArray(
                                  R"({"error_code":409,"message":"Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway."})")
                            : QByteArray(
                                  R"({"version":"4.1.1","commit":"be816b82d25370ce","kafka_cluster_id":"x"})");
                    socket->write((conflict ? "HTTP/1.1 409 Conflict\r\n" : "HTTP/1.1 200 OK\r\n") +
                                  QByteArray("Content-Type: application/json\r\nContent-Length: ") +
                                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
        });
    }
};

} // namespace

class TestRemoteClusterRetry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readRetriesThroughRebalance();
    void readGivesUpWithSentence();
    void writeIsNotRepeated();
};

void TestRemoteClusterRetry::readRetriesThroughRebalance()
{
    RebalancingWorker worker;
    worker.conflicts = 2;
    QVERIFY(worker.listen(QHostAddress::LocalHost, 0));
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(worker.serverPort()));
    RemoteClusterClient client(endpoint);
    std::optional<Result<ServerInfo>> result;
    QElapsedTimer timer;
    timer.start();
    client.serverInfo(this, [&](const Result<ServerInfo>& r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10'000);
    QVERIFY2(result->ok(), qPrintable(result->error.sentence));
    QCOMPARE(worker.requests, 3);
    QVERIFY(timer.elapsed() >= 250 + 500 - 50); // the back-off was observed
}

void TestRemoteClusterRetry::readGivesUpWithSentence()
{
    RebalancingWorker worker;
    worker.conflicts = 100;
    QVERIFY(worker.listen(QHostAddress::LocalHost, 0));
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(worker.serverPort()));
    endpoint.conflictRetries = 2;
    RemoteClusterClient client(endpoint);
    std::optional<Result<ServerInfo>> result;
    client.serverInfo(this, [&](const Result<ServerInfo>& r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10'000);
    QVERIFY(!result->ok());
    QCOMPARE(worker.requests, 3);
    QCOMPARE(result->error.kind, ClientError::Kind::Conflict);
    QVERIFY(result->error.retryable);
    QVERIFY(result->error.sentence.startsWith(QLatin1String("The Connect cluster is busy rebalancing")));
}

void TestRemoteClusterRetry::writeIsNotRepeated()
{
    RebalancingWorker worker;
    worker.conflicts = 1;
    QVERIFY(worker.listen(QHostAddress::LocalHost, 0));
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(worker.serverPort()));
    RemoteClusterClient client(endpoint);
    std::optional<Result<RestartResult>> result;
    client.restartConnector(QStringLiteral("c"), RestartOptions{true, true}, this,
                            [&](const Result<RestartResult>& r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10'000);
    QVERIFY(!result->ok());
    QCOMPARE(result->error.httpStatus, 409);
    QCOMPARE(worker.requests, 1);
    QCOMPARE(worker.methods, QList<QByteArray>{QByteArray("POST")});
}

QTEST_GUILESS_MAIN(TestRemoteClusterRetry)
#include "test_remote_cluster_retry.moc"
