// The REST server over real loopback sockets with the in-memory herder: every endpoint and error
// of spec/connect-rest-api.md §1/§2.5/§4 (the shared conversation table), transport rules (§2.2),
// timeouts (§2.4), auth/TLS/body limits, and a stream of hostile requests that must not hurt it.
#include "fake_herder.h"
#include "rest/rest_server.h"
#include "rest_case_table.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSslError>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace connectdesk::testing {

namespace {

struct RawAnswer {
    int status = 0;
    QByteArray head; // status line and headers as received
    QByteArray body;
    bool closed = false;
};

// Lets the server (same thread) run until the socket has news or a short while passes.
void pump(QTcpSocket& socket, int ms)
{
    QEventLoop loop;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::bytesWritten, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Sends bytes on a fresh connection and reads one HTTP answer (status line, headers,
// Content-Length body), or what arrived before the server closed the connection. The server
// runs on this thread, so waiting always spins the event loop.
RawAnswer rawExchange(quint16 port, const QByteArray& bytes, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    RawAnswer answer;
    QElapsedTimer clock;
    clock.start();
    while (socket.state() != QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs)
        pump(socket, 20);
    if (socket.state() != QAbstractSocket::ConnectedState)
        return answer;
    socket.write(bytes);
    QByteArray data;
    while (clock.elapsed() < timeoutMs) {
        data += socket.readAll();
        const qsizetype headerEnd = data.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const QByteArray head = data.left(headerEnd).toLower();
            const qsizetype at = head.indexOf("content-length:");
            // A HEAD answer announces the GET body's length but carries none.
            const qsizetype length =
                at < 0 || bytes.startsWith("HEAD ")
                    ? 0
                    : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (data.size() >= headerEnd + 4 + length) {
                answer.head = data.left(headerEnd);
                answer.body = data.mid(headerEnd + 4, length);
                break;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            answer.closed = true;
            break;
        }
        pump(socket, 50);
    }
    const QList<QByteArray> statusLine = data.left(data.indexOf("\r\n")).split(' ');
    if (statusLine.size() >= 2 && statusLine[0].startsWith("HTTP/"))
        answer.status = statusLine[1].toInt();
    return answer;
}

QByteArray request(const QByteArray& method, const QByteArray& path, const QByteArray& body = {},
                   const QByteArray& contentType = "application/json")
{
    QByteArray text = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!contentType.isEmpty())
            text += "Content-Type: " + contentType + "\r\n";
        text += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return text + "\r\n" + body;
}

bool isConnectError(const QByteArray& body, int status)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    return object.value(QLatin1String("error_code")).toInt() == status &&
           (object.value(QLatin1String("message")).isString() ||
            object.value(QLatin1String("message")).isNull());
}

} // namespace

class RestServerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void conversation_data();
    void conversation();
    void edgeCases_data();
    void edgeCases();
    void locationUsesHostHeaderAndEncodesName();
    void healthWhileStartingIs503();
    void blockedHerderTimesOutWhileOthersAnswer();
    void timeoutMessage_data();
    void timeoutMessage();
    void timeoutNamesTheWorkerStage();
    void clientGoneBeforeHerderAnswers();
    void oversizedUploadIsCutOff();
    void basicAuth_data();
    void basicAuth();
    void corsAndResponseHeaders();
    void badHeaderRulesStopTheWorker_data();
    void badHeaderRulesStopTheWorker();
    void httpsListener();
    void badListenerIsReported();
    void unparsableConnectionIsClosedWhenIdle();
    void hostileRequestsDoNotHurt();

private:
    HttpResult call(const QByteArray& method, const QString& path, const QByteArray& body = {},
                    const QByteArray& contentType = "application/json");

    std::unique_ptr<FakeHerder> m_herder;
    std::unique_ptr<rest::RestServer> m_server;
    QNetworkAccessManager m_network;
    QUrl m_base;
    quint16 m_port = 0;
};

void RestServerTest::initTestCase()
{
    m_herder = std::make_unique<FakeHerder>();
    rest::RestServerConfig config;
    config.listeners = {"http://127.0.0.1:0"};
    config.requestTimeout = std::chrono::milliseconds(1500);
    config.healthTimeout = std::chrono::milliseconds(1000);
    m_server = std::make_unique<rest::RestServer>(*m_herder, config);
    std::string problem;
    QVERIFY2(m_server->start(problem), problem.c_str());
    QCOMPARE(m_server->boundPorts().size(), std::size_t(1));
    m_port = m_server->boundPorts().front();
    m_base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    QCOMPARE(m_server->workerId(), "127.0.0.1:" + std::to_string(m_port));
}

void RestServerTest::cleanupTestCase()
{
    m_herder->setBlocked(false);
    m_herder->releaseParked();
    m_server.reset();
    m_herder.reset();
}

HttpResult RestServerTest::call(const QByteArray& method, const QString& path, const QByteArray& body,
                                const QByteArray& contentType)
{
    RestCase restCase;
    restCase.method = method;
    restCase.path = path;
    restCase.body = body;
    restCase.hasBody = !body.isEmpty();
    restCase.contentType = contentType;
    restCase.accept = "application/json";
    return sendRestCase(m_network, m_base, restCase);
}

void RestServerTest::conversation_data()
{
    QTest::addColumn<int>("index");
    const auto cases = loadRestCases(QStringLiteral(CONNECTDESK_REST_CASES), QStringLiteral("cd-sink"),
                                     {QStringLiteral(CONNECTDESK_REST_DIFFERENCES)});
    QVERIFY2(cases.size() >= 60, "the conversation table did not load");
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases[i].id)) << static_cast<int>(i);
}

// Rows run in order against one server: the table is a conversation (create, inspect, pause,
// stop, delete), as it is against Apache in tst_rest_conformance.
void RestServerTest::conversation()
{
    QFETCH(int, index);
    static const auto cases = loadRestCases(QStringLiteral(CONNECTDESK_REST_CASES), QStringLiteral("cd-sink"),
                                            {QStringLiteral(CONNECTDESK_REST_DIFFERENCES)});
    const RestCase& restCase = cases.at(static_cast<std::size_t>(index));
    HttpResult result;
    QString why;
    QVERIFY2(runRestCase(m_network, m_base, restCase, result, why),
             qPrintable(QString::fromLatin1(restCase.method) + QLatin1Char(' ') + restCase.path +
                        QStringLiteral(": ") + why));
}

void RestServerTest::edgeCases_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message"); // exact, or a regex when it starts with ^

    const QByteArray sink = R"({"connector.class":"FileStreamSink","topics":"t"})";
    QTest::newRow("bad UTF-8 in body") << QByteArray("POST") << QStringLiteral("/connectors")
                                       << QByteArray("{\"name\":\"a\xff\xfe\",\"config\":{}}")
                                       << QByteArray("application/json") << 500 << QStringLiteral("^.+");
    QTest::newRow("deep nesting") << QByteArray("PUT") << QStringLiteral("/connectors/deep/config")
                                  << QByteArray(5000, '[') + QByteArray(5000, ']')
                                  << QByteArray("application/json") << 500 << QStringLiteral("^.+");
    QTest::newRow("empty POST body") << QByteArray("POST") << QStringLiteral("/connectors") << QByteArray()
                                     << QByteArray("application/json") << 500 << QStringLiteral("^.+");
    QTest::newRow("POST without config")
        << QByteArray("POST") << QStringLiteral("/connectors") << QByteArray(R"({"name":"x"})")
        << QByteArray("application/json") << 500 << QStringLiteral("^.+config");
    QTest::newRow("config is a string")
        << QByteArray("POST") << QStringLiteral("/connectors") << QByteArray(R"({"name":"x","config":"a=b"})")
        << QByteArray("application/json") << 500
        << QStringLiteral("^Cannot deserialize value of type `java.util.HashMap");
    QTest::newRow("config array value")
        << QByteArray("PUT") << QStringLiteral("/connectors/x/config")
        << QByteArray(R"({"connector.class":"FileStreamSink","topics":["a"]})")
        << QByteArray("application/json") << 500
        << QStringLiteral("^Cannot deserialize value of type `java.lang.String`");
    QTest::newRow("null value in PUT")
        << QByteArray("PUT") << QStringLiteral("/connectors/x/config")
        << QByteArray(R"({"connector.class":"FileStreamSink","topics":null})")
        << QByteArray("application/json") << 400
        << QStringLiteral("^Connector configuration is invalid and contains the "
                          "following 1 error\\(s\\):\nNull value can not be "
                          "supplied as the configuration value.\n");
    QTest::newRow("body is an array")
        << QByteArray("PUT") << QStringLiteral("/connectors/x/config") << QByteArray("[1,2]")
        << QByteArray("application/json") << 500 << QStringLiteral("^Cannot deserialize");
    QTest::newRow("validate bad JSON")
        << QByteArray("PUT") << QStringLiteral("/connector-plugins/FileStreamSink/config/validate")
        << QByteArray("{\"connector.class\":") << QByteArray("application/json") << 500
        << QStringLiteral("^.+");
    QTest::newRow("offsets not an array")
        << QByteArray("PATCH") << QStringLiteral("/connectors/x/offsets") << QByteArray(R"({"offsets":{}})")
        << QByteArray("application/json") << 500 << QStringLiteral("^Cannot deserialize");
    QTest::newRow("offsets unknown field")
        << QByteArray("PATCH") << QStringLiteral("/connectors/x/offsets")
        << QByteArray(R"({"offsets":[],"extra":1})") << QByteArray("application/json") << 500
        << QStringLiteral("^Unrecognized field \"extra\"");
    QTest::newRow("internal task configs")
        << QByteArray("POST") << QStringLiteral("/connectors/x/tasks") << QByteArray("[]")
        << QByteArray("application/json") << 500
        << QStringLiteral("Kafka Connect in standalone mode does not support "
                          "externally setting task configurations.");
    QTest::newRow("internal fence") << QByteArray("PUT") << QStringLiteral("/connectors/x/fence")
                                    << QByteArray() << QByteArray("application/json") << 500
                                    << QStringLiteral("Kafka Connect in standalone mode does not support "
                                                      "exactly-once source connectors.");
    QTest::newRow("encoded slash is part of the name")
        << QByteArray("GET") << QStringLiteral("/connectors/a%2Fb/status") << QByteArray() << QByteArray()
        << 404 << QStringLiteral("No status found for connector a/b");
    QTest::newRow("dot-dot is a name, not a climb")
        << QByteArray("GET") << QStringLiteral("/connectors/%2E%2E/config") << QByteArray() << QByteArray()
        << 404 << QStringLiteral("Connector .. not found");
    QTest::newRow("negative task id")
        << QByteArray("GET") << QStringLiteral("/connectors/x/tasks/-1/status") << QByteArray()
        << QByteArray() << 404 << QStringLiteral("No status found for task x--1");
    QTest::newRow("huge task id") << QByteArray("GET")
                                  << QStringLiteral("/connectors/x/tasks/99999999999/status") << QByteArray()
                                  << QByteArray() << 404 << QStringLiteral("HTTP 404 Not Found");
    QTest::newRow("HEAD of a GET resource") << QByteArray("HEAD") << QStringLiteral("/connector-plugins")
                                            << QByteArray() << QByteArray() << 200 << QString();
    QTest::newRow("HEAD of a PUT-only resource")
        << QByteArray("HEAD") << QStringLiteral("/connectors/x/pause") << QByteArray() << QByteArray() << 405
        << QString();
    QTest::newRow("OPTIONS is not served")
        << QByteArray("OPTIONS") << QStringLiteral("/connectors") << QByteArray() << QByteArray() << 405
        << QStringLiteral("HTTP 405 Method Not Allowed");
    QTest::newRow("validate with numbers")
        << QByteArray("PUT") << QStringLiteral("/connector-plugins/FileStreamSink/config/validate")
        << QByteArray(R"({"connector.class":"FileStreamSink","tasks.max":0,"name":"n"})")
        << QByteArray("application/json") << 200 << QString();
    QTest::newRow("text/plain on validate")
        << QByteArray("PUT") << QStringLiteral("/connector-plugins/FileStreamSink/config/validate") << sink
        << QByteArray("text/plain") << 415 << QStringLiteral("HTTP 415 Unsupported Media Type");
    QTest::newRow("charset parameter is fine")
        << QByteArray("PUT") << QStringLiteral("/connectors/cs/config") << sink
        << QByteArray("application/json; charset=utf-8") << 201 << QString();
    QTest::newRow("root needs no JSON content type")
        << QByteArray("GET") << QStringLiteral("/") << QByteArray() << QByteArray("text/plain") << 200
        << QString();
}

void RestServerTest::edgeCases()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, message);
    // Raw bytes, so paths like %2E%2E reach the server exactly as written.
    const RawAnswer result = rawExchange(m_port, request(method, path.toLatin1(), body, contentType));
    QCOMPARE(result.status, status);
    if (message.isEmpty())
        return;
    QVERIFY2(isConnectError(result.body, status), result.body.constData());
    const QString actual =
        QJsonDocument::fromJson(result.body).object().value(QLatin1String("message")).toString();
    if (message.startsWith(QLatin1Char('^')))
        QVERIFY2(QRegularExpression(message).match(actual).hasMatch(), qPrintable(actual));
    else
        QCOMPARE(actual, message);
}

void RestServerTest::locationUsesHostHeaderAndEncodesName()
{
    const QByteArray createBody =
        R"({"name":" a b ","config":{"connector.class":"FileStreamSink","topics":"t"}})";
    const RawAnswer answer = rawExchange(
        m_port, "POST /connectors HTTP/1.1\r\nHost: worker-1:8083\r\nContent-Type: application/json\r\n"
                "Content-Length: " +
                    QByteArray::number(createBody.size()) + "\r\n\r\n" + createBody);
    QCOMPARE(answer.status, 201);
    // §4.4: the name is trimmed and the Location is absolute with the name percent-encoded.
    QCOMPARE(QJsonDocument::fromJson(answer.body).object().value(QLatin1String("name")).toString(),
             QStringLiteral("a b"));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 3000);
    const QByteArray putBody = R"({"connector.class":"FileStreamSink","topics":"t"})";
    socket.write("PUT /connectors/with%20space/config HTTP/1.1\r\nHost: worker-1:8083\r\nContent-Type: "
                 "application/json\r\nContent-Length: " +
                 QByteArray::number(putBody.size()) + "\r\n\r\n" + putBody);
    QByteArray data;
    QTRY_VERIFY_WITH_TIMEOUT((data += socket.readAll()).contains("\r\n\r\n"), 5000);
    QVERIFY2(data.startsWith("HTTP/1.1 201"), data.constData());
    QVERIFY2(data.toLower().contains("location: http://worker-1:8083/connectors/with%20space\r\n"),
             data.constData());
}

void RestServerTest::healthWhileStartingIs503()
{
    m_herder->setReady(false);
    const HttpResult starting = call("GET", QStringLiteral("/health"));
    m_herder->setReady(true);
    QCOMPARE(starting.status, 503);
    const QJsonObject body = QJsonDocument::fromJson(starting.body).object();
    QCOMPARE(body.value(QLatin1String("status")).toString(), QStringLiteral("starting"));
    QVERIFY(body.value(QLatin1String("message"))
                .toString()
                .startsWith(QLatin1String("Worker is still starting up.")));
}

void RestServerTest::blockedHerderTimesOutWhileOthersAnswer()
{
    m_herder->setBlocked(true);
    QNetworkRequest blockedRequest(m_base.resolved(QUrl(QStringLiteral("/connectors/cd-any/status"))));
    std::unique_ptr<QNetworkReply> blocked(m_network.get(blockedRequest));
    QNetworkRequest healthRequest(m_base.resolved(QUrl(QStringLiteral("/health"))));
    std::unique_ptr<QNetworkReply> health(m_network.get(healthRequest));
    QElapsedTimer clock;
    clock.start();
    // §2.4: a stuck herder must not stall requests that do not need it.
    for (const QString& path :
         {QStringLiteral("/"), QStringLiteral("/connector-plugins"), QStringLiteral("/admin/loggers")}) {
        QElapsedTimer one;
        one.start();
        const HttpResult result = call("GET", path);
        QCOMPARE(result.status, 200);
        QVERIFY2(one.elapsed() < 500,
                 qPrintable(QStringLiteral("%1 took %2 ms").arg(path).arg(one.elapsed())));
    }
    QVERIFY(!blocked->isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(blocked->isFinished(), 5000);
    QVERIFY(clock.elapsed() >= 1400);
    QCOMPARE(blocked->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
    QCOMPARE(QJsonDocument::fromJson(blocked->readAll()).object(),
             QJsonObject({{QStringLiteral("error_code"), 500},
                          {QStringLiteral("message"), QStringLiteral("Request timed out")}}));
    // §4.2: a started herder that does not answer within the health budget is unhealthy.
    QTRY_VERIFY_WITH_TIMEOUT(health->isFinished(), 5000);
    QCOMPARE(health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
    QCOMPARE(QJsonDocument::fromJson(health->readAll()).object().value(QLatin1String("status")).toString(),
             QStringLiteral("unhealthy"));
    // The late answers find their requests gone and change nothing.
    m_herder->setBlocked(false);
    m_herder->releaseParked();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->pendingRequests(), std::size_t(0), 5000);
    QCOMPARE(call("GET", QStringLiteral("/")).status, 200);
}

void RestServerTest::timeoutMessage_data()
{
    QTest::addColumn<bool>("known");
    QTest::addColumn<QString>("description");
    QTest::addColumn<qint64>("started");
    QTest::addColumn<qint64>("completed"); // -1: still running
    QTest::addColumn<QString>("expected");
    // Expected texts written from Apache's HerderRequestHandler / ConnectorPluginsResource and a
    // 4.x worker's answer ("… ensuring membership in the cluster, which began at
    // 2025-10-14T15:25:01.075Z"); instants as java.time.Instant.toString prints them.
    QTest::newRow("unknown stage") << false << QString() << qint64(0) << qint64(-1)
                                   << QStringLiteral("Request timed out");
    QTest::newRow("current, millis")
        << true << QStringLiteral("ensuring membership in the cluster") << qint64(1760455501075) << qint64(-1)
        << QStringLiteral("Request timed out. The worker is currently ensuring membership in the cluster, "
                          "which began at 2025-10-14T15:25:01.075Z");
    QTest::newRow("current, whole second")
        << true << QStringLiteral("starting the connector") << qint64(1760455501000) << qint64(-1)
        << QStringLiteral("Request timed out. The worker is currently starting the connector, which began at "
                          "2025-10-14T15:25:01Z");
    QTest::newRow("current, leading zero millis")
        << true << QStringLiteral("performing multi-property validation for the connector") << qint64(70)
        << qint64(-1)
        << QStringLiteral(
               "Request timed out. The worker is currently performing multi-property validation for "
               "the connector, which began at 1970-01-01T00:00:00.070Z");
    QTest::newRow("completed")
        << true << QStringLiteral("reading to the end of internal topics") << qint64(1760455501075)
        << qint64(1760455562000)
        << QStringLiteral(
               "Request timed out. The last operation the worker completed was reading to the end of "
               "internal topics, which began at 2025-10-14T15:25:01.075Z and completed at "
               "2025-10-14T15:26:02Z");
}

void RestServerTest::timeoutMessage()
{
    QFETCH(bool, known);
    QFETCH(QString, description);
    QFETCH(qint64, started);
    QFETCH(qint64, completed);
    QFETCH(QString, expected);
    std::optional<rest::WorkerStage> stage;
    if (known)
        stage = rest::WorkerStage{description.toStdString(), started,
                                  completed < 0 ? std::nullopt : std::optional<std::int64_t>(completed)};
    QCOMPARE(QString::fromStdString(rest::timeoutMessage(stage)), expected);
}

void RestServerTest::timeoutNamesTheWorkerStage()
{
    // The stage is looked up when the timer fires, for the connector the request names (for
    // validate: the `name` in the body).
    QStringList asked;
    m_server->setStageLookup([&asked](const std::string& connector) -> std::optional<rest::WorkerStage> {
        asked << QString::fromStdString(connector);
        return rest::WorkerStage{"starting the connector", 1760455501075, std::nullopt};
    });
    m_herder->setBlocked(true);
    const HttpResult status = call("GET", QStringLiteral("/connectors/cd-stage/status"));
    const HttpResult validate =
        call("PUT", QStringLiteral("/connector-plugins/FileStreamSink/config/validate"),
             R"({"connector.class":"FileStreamSink","name":"cd-validating","topics":"t"})");
    m_herder->setBlocked(false);
    m_herder->releaseParked();
    m_server->setStageLookup({});
    const QString expected =
        QStringLiteral("Request timed out. The worker is currently starting the connector, "
                       "which began at 2025-10-14T15:25:01.075Z");
    QCOMPARE(status.status, 500);
    QCOMPARE(QJsonDocument::fromJson(status.body).object().value(QLatin1String("message")).toString(),
             expected);
    QCOMPARE(validate.status, 500);
    QCOMPARE(QJsonDocument::fromJson(validate.body).object().value(QLatin1String("message")).toString(),
             expected);
    QCOMPARE(asked, QStringList({QStringLiteral("cd-stage"), QStringLiteral("cd-validating")}));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->pendingRequests(), std::size_t(0), 5000);
}

void RestServerTest::clientGoneBeforeHerderAnswers()
{
    m_herder->setBlocked(true);
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 3000);
        socket.write(request("GET", "/connectors"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->pendingRequests(), std::size_t(1), 3000);
        socket.abort();
    }
    // The herder answers after the client left: the answer is dropped without touching the socket.
    m_herder->setBlocked(false);
    m_herder->releaseParked();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->pendingRequests(), std::size_t(0), 5000);
    QCOMPARE(call("GET", QStringLiteral("/")).status, 200);
}

void RestServerTest::oversizedUploadIsCutOff()
{
    FakeHerder herder;
    rest::RestServerConfig config;
    config.listeners = {"http://127.0.0.1:0"};
    config.maxRequestBodyBytes = 4096;
    rest::RestServer server(herder, config);
    std::string problem;
    QVERIFY2(server.start(problem), problem.c_str());
    const quint16 port = server.boundPorts().front();
    // Just over the limit: answered 413 with a Connect error body once it has arrived.
    const QByteArray justOver = "{\"a\":\"" + QByteArray(5000, 'x') + "\"}";
    const RawAnswer small = rawExchange(port, request("PUT", "/connectors/x/config", justOver));
    QCOMPARE(small.status, 413);
    QVERIFY2(isConnectError(small.body, 413), small.body.constData());
    // Far over the limit: cut off while uploading, never buffered whole.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 3000);
    socket.write("PUT /connectors/x/config HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                 "Content-Length: 50000000\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'y');
    QByteArray received;
    for (int i = 0; i < 200 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        if (socket.bytesToWrite() < 4 * chunk.size())
            socket.write(chunk);
        pump(socket, 20);
        if (socket.isOpen())
            received += socket.readAll();
        if (received.contains("\r\n\r\n"))
            break;
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        (received += socket.isOpen() ? socket.readAll() : QByteArray()).contains("\r\n\r\n"), 5000);
    QVERIFY2(received.startsWith("HTTP/1.1 413"), received.left(200).constData());
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() != QAbstractSocket::ConnectedState, 5000);
    QCOMPARE(rawExchange(port, request("GET", "/")).status, 200);
}

void RestServerTest::basicAuth_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("right") << QByteArray("Basic " + QByteArray("admin:s3cret").toBase64()) << 200;
    QTest::newRow("wrong password") << QByteArray("Basic " + QByteArray("admin:nope").toBase64()) << 401;
    QTest::newRow("unknown user") << QByteArray("Basic " + QByteArray("eve:s3cret").toBase64()) << 401;
    QTest::newRow("garbage") << QByteArray("Basic !!!") << 401;
    QTest::newRow("bearer") << QByteArray("Bearer abc") << 401;
}

void RestServerTest::basicAuth()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QTemporaryDir dir;
    QFile credentials(dir.filePath(QStringLiteral("users.properties")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("# user=password\nadmin=s3cret\nreader = r3ad\n");
    credentials.close();
    FakeHerder herder;
    rest::RestServerConfig config;
    config.listeners = {"http://127.0.0.1:0"};
    config.basicAuthCredentialsFile = credentials.fileName().toStdString();
    rest::RestServer server(herder, config);
    std::string problem;
    QVERIFY2(server.start(problem), problem.c_str());
    QByteArray text = "GET /connectors HTTP/1.1\r\nHost: h\r\n";
    if (!authorization.isEmpty())
        text += "Authorization: " + authorization + "\r\n";
    const RawAnswer answer = rawExchange(server.boundPorts().front(), text + "\r\n");
    QCOMPARE(answer.status, status);
    // §7.2: the 401 body is plain text, not the JSON error shape.
    if (status == 401)
        QCOMPARE(answer.body, QByteArray("User cannot access the resource."));
}

void RestServerTest::corsAndResponseHeaders()
{
    QTemporaryDir dir;
    QFile credentials(dir.filePath(QStringLiteral("users.properties")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("admin=s3cret\n");
    credentials.close();
    FakeHerder herder;
    rest::RestServerConfig config = rest::RestServerConfig::fromWorkerProperties(
        {{"listeners", "http://127.0.0.1:0"},
         {"access.control.allow.origin", "https://ui.example.com, http://*.corp.local"},
         {"access.control.allow.methods", "get,POST,PUT,DELETE"},
         {"response.http.headers.config", "set X-Frame-Options: DENY, add Cache-Control: no-store, "
                                          "set X-Frame-Options: SAMEORIGIN"},
         {"connectdesk.rest.basic.auth.credentials.file", credentials.fileName().toStdString()}});
    QCOMPARE(config.corsAllowedMethods, (std::vector<std::string>{"GET", "POST", "PUT", "DELETE"}));
    rest::RestServer server(herder, config);
    std::string problem;
    QVERIFY2(server.start(problem), problem.c_str());
    const quint16 port = server.boundPorts().front();
    const QByteArray auth = "Authorization: Basic " + QByteArray("admin:s3cret").toBase64() + "\r\n";

    // Preflight of an allowed origin and method: answered before authentication, as Jetty does.
    RawAnswer pre = rawExchange(port, "OPTIONS /connectors/x/config HTTP/1.1\r\nHost: h\r\n"
                                      "Origin: http://build.corp.local\r\n"
                                      "Access-Control-Request-Method: PUT\r\n\r\n");
    QCOMPARE(pre.status, 200);
    QVERIFY2(pre.head.contains("Access-Control-Allow-Origin: http://build.corp.local\r\n"),
             pre.head.constData());
    QVERIFY(pre.head.contains("Access-Control-Allow-Methods: GET,POST,PUT,DELETE\r\n"));
    QVERIFY(
        pre.head.contains("Access-Control-Allow-Headers: X-Requested-With,Content-Type,Accept,Origin\r\n"));
    QVERIFY(pre.head.contains("Access-Control-Max-Age: 1800\r\n"));
    // A method not allowed: no preflight answer, the request goes on (and meets auth: 401).
    pre = rawExchange(port, "OPTIONS /connectors HTTP/1.1\r\nHost: h\r\nOrigin: https://ui.example.com\r\n"
                            "Access-Control-Request-Method: PATCH\r\n\r\n");
    QCOMPARE(pre.status, 401);
    QVERIFY(!pre.head.contains("Access-Control-Allow-Methods"));

    // An actual request of an allowed origin carries the CORS headers and the configured ones.
    RawAnswer get = rawExchange(
        port, "GET /connectors HTTP/1.1\r\nHost: h\r\nOrigin: https://ui.example.com\r\n" + auth + "\r\n");
    QCOMPARE(get.status, 200);
    QVERIFY2(get.head.contains("Access-Control-Allow-Origin: https://ui.example.com\r\n"),
             get.head.constData());
    QVERIFY(get.head.contains("Access-Control-Allow-Credentials: true\r\n"));
    QVERIFY(get.head.contains("Vary: Origin\r\n"));
    QVERIFY(get.head.contains("X-Frame-Options: SAMEORIGIN\r\n")); // the later `set` wins
    QVERIFY(!get.head.contains("X-Frame-Options: DENY"));
    QVERIFY(get.head.contains("Cache-Control: no-store\r\n"));
    // Another origin: no CORS headers (the browser then refuses), the configured headers still.
    get = rawExchange(port, "GET /connectors HTTP/1.1\r\nHost: h\r\nOrigin: https://evil.example.com\r\n" +
                                auth + "\r\n");
    QCOMPARE(get.status, 200);
    QVERIFY(!get.head.contains("Access-Control-Allow-Origin"));
    QVERIFY(get.head.contains("Cache-Control: no-store\r\n"));
    // Errors and unknown paths carry them too.
    get = rawExchange(port, "GET /nowhere HTTP/1.1\r\nHost: h\r\nOrigin: https://ui.example.com\r\n" + auth +
                                "\r\n");
    QCOMPARE(get.status, 404);
    QVERIFY(get.head.contains("Access-Control-Allow-Origin: https://ui.example.com\r\n"));
    QVERIFY(get.head.contains("X-Frame-Options: SAMEORIGIN\r\n"));
}

void RestServerTest::badHeaderRulesStopTheWorker_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("message");
    // Wording of Apache's WorkerConfig header-config validation.
    QTest::newRow("no header") << QStringLiteral("set")
                               << QStringLiteral("Invalid format of header config 'set'. Expected: '[action] "
                                                 "[header name]:[header value]'");
    QTest::newRow("bad action") << QStringLiteral("put X-A: b")
                                << QStringLiteral(
                                       "Invalid header config action: 'put'. Expected one of [set, add, "
                                       "setDate, addDate]");
    QTest::newRow("no colon") << QStringLiteral("set X-A b")
                              << QStringLiteral(
                                     "Invalid format of header name and header value pair 'X-A b'. "
                                     "Expected: '[header name]:[header value]'");
    QTest::newRow("space in name") << QStringLiteral("add X A: b")
                                   << QStringLiteral("Invalid header name 'X A'. The '[header name]' cannot "
                                                     "contain whitespace");
}

void RestServerTest::badHeaderRulesStopTheWorker()
{
    QFETCH(QString, rules);
    QFETCH(QString, message);
    try {
        rest::RestServerConfig::fromWorkerProperties({{"response.http.headers.config", rules.toStdString()}});
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QCOMPARE(QString::fromUtf8(e.what()), message);
    }
}

void RestServerTest::httpsListener()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                   QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
    QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
             openssl.readAllStandardError().constData());
    FakeHerder herder;
    rest::RestServerConfig config;
    config.listeners = {"https://127.0.0.1:0", "http://127.0.0.1:0"};
    config.tlsCertificateFile = cert.toStdString();
    config.tlsPrivateKeyFile = key.toStdString();
    rest::RestServer server(herder, config);
    std::string problem;
    QVERIFY2(server.start(problem), problem.c_str());
    QCOMPARE(server.boundPorts().size(), std::size_t(2));
    QNetworkRequest secure(
        QUrl(QStringLiteral("https://127.0.0.1:%1/connector-plugins").arg(server.boundPorts()[0])));
    std::unique_ptr<QNetworkReply> reply(m_network.get(secure));
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
                     [raw = reply.get()](const QList<QSslError>&) { raw->ignoreSslErrors(); });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(QJsonDocument::fromJson(reply->readAll()).isArray());
    // The plain listener of the same server still speaks HTTP.
    QCOMPARE(rawExchange(server.boundPorts()[1], request("GET", "/")).status, 200);
}

void RestServerTest::badListenerIsReported()
{
    FakeHerder herder;
    for (const std::string listener :
         {"ftp://:1", "http://127.0.0.1", "https://127.0.0.1:0", "http://127.0.0.1:99999"}) {
        rest::RestServerConfig config;
        config.listeners = {listener};
        rest::RestServer server(herder, config);
        std::string problem;
        QVERIFY2(!server.start(problem), listener.c_str());
        QVERIFY2(!problem.empty() && problem.find(listener) != std::string::npos, problem.c_str());
        QVERIFY(server.boundPorts().empty());
    }
}

void RestServerTest::unparsableConnectionIsClosedWhenIdle()
{
    FakeHerder herder;
    rest::RestServerConfig config;
    config.listeners = {"http://127.0.0.1:0"};
    config.idleTimeout = std::chrono::milliseconds(300);
    rest::RestServer server(herder, config);
    std::string problem;
    QVERIFY2(server.start(problem), problem.c_str());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.boundPorts().front());
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 3000);
    socket.write("\x16\x03\x01 this is no HTTP\r\n\r\n");
    // Whatever the HTTP layer makes of it, the connection does not stay open for ever.
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(rawExchange(server.boundPorts().front(), request("GET", "/")).status, 200);
}

void RestServerTest::hostileRequestsDoNotHurt()
{
    const QList<QByteArray> methods{"GET",  "POST",    "PUT",   "PATCH", "DELETE",
                                    "HEAD", "OPTIONS", "TRACE", "BREW"};
    const QList<QByteArray> paths{"/",
                                  "/connectors",
                                  "/connectors/x",
                                  "/connectors/%2F..%2F..%2Fetc%2Fpasswd",
                                  "/connectors/../../etc/passwd",
                                  "/connectors/a%00b/config",
                                  "/connectors/%FF%FE/status",
                                  "/connectors/x/tasks/%31/status",
                                  "/connectors/x/tasks/1e3/restart",
                                  "/connectors/x/offsets",
                                  "/connectors//config",
                                  "/connector-plugins/..%2F/config/validate",
                                  "/admin/loggers/%0d%0aX-Injected:%20yes",
                                  "/connectors?expand=status&expand=status&expand=%00",
                                  "/connectors/x/restart?includeTasks=TRUE&onlyFailed=yes",
                                  "/" + QByteArray(3000, 'a')};
    QList<QByteArray> bodies{"",
                             "{",
                             "}",
                             "null",
                             "[]",
                             "\"string\"",
                             "{\"name\":\"\xc3\x28\",\"config\":{}}",
                             "{\"name\":1e999,\"config\":{\"a\":-0}}",
                             "{\"name\":\"x\",\"config\":{\"a\":{\"b\":1}}}",
                             "{\"offsets\":[{\"partition\":1,\"offset\":[]}]}",
                             "{\"level\":\"\"}",
                             "{\"level\":null}",
                             "{\"a\":\"\\ud800\"}",
                             QByteArray(20000, '[') + QByteArray(20000, ']'),
                             "{\"a\":" + QByteArray(3000, '{') + QByteArray(3000, '}') + "}",
                             QByteArray(300000, ' ') + "{}",
                             QByteArray("\x00\x01\x02", 3)};
    QRandomGenerator random(20240601); // fixed seed: the same hostile stream every run
    int sent = 0;
    QHash<int, int> statuses;
    for (int i = 0; i < 1100; ++i) {
        const QByteArray method = methods.at(random.bounded(methods.size()));
        const QByteArray path = paths.at(random.bounded(paths.size()));
        const QByteArray body = bodies.at(random.bounded(bodies.size()));
        const QByteArray type =
            random.bounded(5) == 0 ? QByteArray("text/plain; charset=\xff") : QByteArray("application/json");
        const RawAnswer answer = rawExchange(m_port, request(method, path, body, type), 5000);
        ++sent;
        statuses[answer.status]++;
        // Every answer is a client error, a documented 500 with a Connect body, or a success
        // (HEAD and TRACE get Jersey's 405, hostile bodies never reach the herder unparsed).
        const bool clientError = answer.status >= 400 && answer.status < 500;
        const bool documented500 = answer.status == 500 && isConnectError(answer.body, 500);
        const bool success = answer.status >= 200 && answer.status < 300;
        QVERIFY2(clientError || documented500 || success,
                 qPrintable(QStringLiteral("%1 %2 (%3 bytes) → %4 %5")
                                .arg(QString::fromLatin1(method), QString::fromLatin1(path.left(80)))
                                .arg(body.size())
                                .arg(answer.status)
                                .arg(QString::fromUtf8(answer.body.left(200)))));
    }
    // Requests that are not HTTP at all.
    const QList<QByteArray> garbage{"\r\n\r\n",
                                    "GET\r\n\r\n",
                                    "NOT HTTP AT ALL\r\n\r\n",
                                    "\x16\x03\x01\x02\x00\x01\x00",
                                    "POST /connectors HTTP/1.1\r\nContent-Length: abc\r\n\r\n{}",
                                    "POST /connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"};
    for (const QByteArray& bytes : garbage) {
        const RawAnswer answer = rawExchange(m_port, bytes, 1500);
        QVERIFY2(answer.status == 0 || answer.status >= 400, bytes.toHex().constData());
        ++sent;
    }
    QVERIFY(sent >= 1000);
    qInfo("hostile requests: %d, answers by status: %s", sent, qPrintable([&statuses] {
              QStringList parts;
              for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
                  parts << QStringLiteral("%1×%2").arg(it.key()).arg(it.value());
              parts.sort();
              return parts.join(QLatin1Char(' '));
          }()));
    QCOMPARE(call("GET", QStringLiteral("/")).status, 200);
    QCOMPARE(m_server->pendingRequests(), std::size_t(0));
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::RestServerTest)
#include "tst_rest_server.moc"
