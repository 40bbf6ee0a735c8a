// RemoteClusterClient over HTTPS with a custom CA and a client certificate, and with Basic auth,
// against a local QSslServer that requires both (test material in data/, see data/README.md).
#include "client/remote_cluster_client.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace connectdesk::client;

namespace {

QString dataFile(const char* name)
{
    return qEnvironmentVariable("CONNECTDESK_TEST_DATA") + QLatin1Char('/') + QLatin1String(name);
}

// Answers GET / like a Connect worker behind the basic-auth extension (§7.2): 401 with a plain body
// unless `Authorization: Basic base64(admin:s3cret)` is sent.
class FakeTlsWorker : public QSslServer {
public:
    FakeTlsWorker()
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate::fromPath(dataFile("server.pem")).value(0));
        QFile key(dataFile("server.key"));
        if (key.open(QIODevice::ReadOnly))
            config.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        config.setCaCertificates(QSslCertificate::fromPath(dataFile("ca.pem")));
        config.setPeerVerifyMode(QSslSocket::VerifyPeer); // ssl.client.auth=required
        setSslConfiguration(config);
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    const QByteArray request = socket->readAll();
                    const bool authorized =
                        request.contains("Authorization: Basic " + QByteArray("admin:s3cret").toBase64());
                    const QByteArray body =
                        authorized
                            ? QByteArray(
                                  R"({"version":"4.1.1","commit":"be816b82d25370ce","kafka_cluster_id":"tls"})")
                            : QByteArray("User cannot access the resource.");
                    socket->write((authorized ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                              : "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n") +
                                  QByteArray("Content-Length: ") + QByteArray::number(body.size()) +
                                  "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
    }
};

std::optional<Result<ServerInfo>> ask(RemoteClusterClient& client, QObject* context)
{
    std::optional<Result<ServerInfo>> out;
    client.serverInfo(context, [&out](const Result<ServerInfo>& r) { out = r; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 20'000))
        return std::nullopt;
    return out;
}

} // namespace

class TestRemoteClusterTls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cases_data();
    void cases();
    void silentWorkerTimesOut();

private:
    FakeTlsWorker m_server;
};

void TestRemoteClusterTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QFAIL("Qt has no TLS backend");
    QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
}

void TestRemoteClusterTls::cases_data()
{
    QTest::addColumn<bool>("withCa");
    QTest::addColumn<bool>("withClientCert");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("kind"); // -1 = success
    QTest::addColumn<QString>("sentenceStart");
    QTest::newRow("all set") << true << true << QStringLiteral("s3cret") << -1 << QString();
    QTest::newRow("wrong password")
        << true << true << QStringLiteral("nope") << int(ClientError::Kind::Unauthorized)
        << QStringLiteral("The worker at https://127.0.0.1:%1 refused the credentials (HTTP 401).");
    QTest::newRow("unknown CA") << false << true << QStringLiteral("s3cret") << int(ClientError::Kind::Tls)
                                << QStringLiteral("The secure connection to https://127.0.0.1:%1 failed: ");
}

void TestRemoteClusterTls::cases()
{
    QFETCH(bool, withCa);
    QFETCH(bool, withClientCert);
    QFETCH(QString, password);
    QFETCH(int, kind);
    QFETCH(QString, sentenceStart);
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort()));
    endpoint.user = QStringLiteral("admin");
    endpoint.password = password;
    if (withCa)
        endpoint.caCertificateFile = dataFile("ca.pem");
    if (withClientCert) {
        endpoint.clientCertificateFile = dataFile("client.pem");
        endpoint.clientKeyFile = dataFile("client.key");
    }
    RemoteClusterClient client(endpoint);
    QCOMPARE(client.setupProblem(), QString());
    const auto result = ask(client, this);
    QVERIFY(result);
    if (kind < 0) {
        QVERIFY2(result->ok(), qPrintable(result->error.sentence));
        QCOMPARE(result->value->kafkaClusterId, QStringLiteral("tls"));
        return;
    }
    QVERIFY(!result->ok());
    QCOMPARE(int(result->error.kind), kind);
    const QString expected = sentenceStart.arg(m_server.serverPort());
    QVERIFY2(result->error.sentence.startsWith(expected), qPrintable(result->error.sentence));
    QVERIFY(!result->error.sentence.contains(password));
}

void TestRemoteClusterTls::silentWorkerTimesOut()
{
    // Accepts the connection and never answers: the client's own timeout must end the wait.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    endpoint.readTimeoutMs = 1'000;
    RemoteClusterClient client(endpoint);
    QElapsedTimer timer;
    timer.start();
    const auto result = ask(client, this);
    QVERIFY(result);
    QVERIFY(timer.elapsed() >= 900);
    QVERIFY(timer.elapsed() < 10'000);
    QVERIFY(!result->ok());
    QCOMPARE(result->error.kind, ClientError::Kind::Timeout);
    QVERIFY(result->error.retryable);
    QCOMPARE(result->error.sentence,
             QStringLiteral("The Connect worker at http://127.0.0.1:%1 did not answer within 1 second.")
                 .arg(silent.serverPort()));
}

QTEST_GUILESS_MAIN(TestRemoteClusterTls)
#include "test_remote_cluster_tls.moc"
