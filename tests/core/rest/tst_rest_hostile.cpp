// Robustness of the REST server against hostile clients (issue 5): well over a thousand malformed or
// hostile requests, generated from a fixed seed and written over raw sockets so nothing sanitises
// them, against the real StandaloneHerder on the sandbox cluster with a FileStreamSource running.
// Every answer must be a well-formed HTTP response with a 4xx status, or a 500 that Apache Kafka
// Connect gives in the same situation (listed in kAllowed500); afterwards the worker holds exactly
// the connectors it held before, their configs and the logger levels are unchanged, and the source
// still moves records. Meant to run under ASan/UBSan (CONNECTDESK_SANITIZE, .ci/run, docs/testing.md).
#include "converters/converter_registry.h"
#include "kafka/sandbox_cluster.h"
#include "rest/rest_server.h"
#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"
#include "sandbox_rest_worker.h"

#include <connectdesk/sdk/plugin.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <map>
#include <memory>
#include <random>
#include <vector>

namespace connectdesk::testing {

namespace {

const QByteArray kSource = "hostile-src";

// 500 answers Apache Kafka Connect gives too (spec/connect-rest-api.md), by message prefix:
// anything else in the 5xx range fails the test.
const std::vector<std::pair<QByteArray, const char*>> kAllowed500 = {
    // §2.2: no Jackson exception mapper, so parse errors, type mismatches, unknown properties and
    // missing bodies reach the catch-all mapper as 500 with Jackson's (or the JVM's) message.
    {"Unexpected character or malformed JSON", "§2.2 malformed JSON"},
    {"Cannot deserialize value of type", "§2.2 wrong JSON type"},
    {"Unrecognized field", "§2.2 unknown field"},
    {"Cannot invoke \"", "§2.2 missing body or config"},
    {"Cannot construct instance of", "§2.2 bad initial_state enum"},
    // §2.3: the internal endpoints exist but standalone refuses them.
    {"Kafka Connect in standalone mode does not support", "§2.3 internal endpoint in standalone"},
    // §2.5: standalone stop of an unknown connector.
    {"No connector `", "§2.5 standalone stop of unknown connector"},
    // Apache 4.1 answers validate without connector.class with 500 (observed by tst_rest_conformance).
    {"org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config",
     "validate without connector.class (Apache 4.1)"},
    // §2.4: a herder-backed request that outlived the REST timeout.
    {"Request timed out", "§2.4 timeout"},
};

// How a case may end besides its expected statuses.
enum class Framing {
    Normal,     // a complete, parseable request: it must be answered
    Truncated,  // Content-Length promises more than is sent: the server rightly waits for it
    Unparseable // broken HTTP framing: Jetty answers 400; Qt HttpServer 6.4 may stay silent
};

struct HostileCase {
    QByteArray family;
    QByteArray request;
    std::vector<int> statuses; // expected statuses (500 only with a kAllowed500 message)
    Framing framing = Framing::Normal;
    bool head = false;
};

struct Outcome {
    enum Kind { Answered, ClosedWithoutAnswer, NoAnswerInTime, Malformed } kind = NoAnswerInTime;
    int status = 0;
    QByteArray headers;
    QByteArray contentType;
    QByteArray body;
    QByteArray problem;
    qsizetype consumed = 0; // bytes of the stream this response took
};

// A string literal with the NUL bytes inside it, without its terminating one.
template <std::size_t N>
QByteArray literalBytes(const char (&text)[N])
{
    return QByteArray(text, static_cast<qsizetype>(N - 1));
}

QByteArray httpRequest(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                       const QByteArray& extraHeaders = {},
                       const QByteArray& contentType = "application/json")
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.isNull()) {
        if (!contentType.isEmpty())
            out += "Content-Type: " + contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return out + extraHeaders + "\r\n" + body;
}

// One response read off the wire; false while more bytes are needed.
bool parseResponse(const QByteArray& in, bool closed, bool head, Outcome& out)
{
    const qsizetype end = in.indexOf("\r\n\r\n");
    if (end < 0) {
        if (!closed)
            return false;
        out.kind = in.isEmpty() ? Outcome::ClosedWithoutAnswer : Outcome::Malformed;
        out.problem = "incomplete head: " + in.left(120);
        return true;
    }
    out.headers = in.left(end);
    const QList<QByteArray> lines = out.headers.split('\n');
    const QByteArray statusLine = lines.front().trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    bool statusOk = false;
    out.status = parts.size() >= 2 ? parts[1].toInt(&statusOk) : 0;
    if (!(statusLine.startsWith("HTTP/1.1 ") || statusLine.startsWith("HTTP/1.0 ")) || !statusOk ||
        parts[1].size() != 3 || out.status < 100) {
        out.kind = Outcome::Malformed;
        out.problem = "bad status line: " + statusLine.left(120);
        return true;
    }
    qsizetype contentLength = -1;
    for (const QByteArray& raw : lines.mid(1)) {
        const QByteArray line = raw.endsWith('\r') ? raw.chopped(1) : raw;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).contains(' ')) {
            out.kind = Outcome::Malformed;
            out.problem = "bad header line: " + line.left(120);
            return true;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        bool ok = true;
        if (name == "content-length") {
            const qsizetype length = value.toLongLong(&ok);
            if (!ok || length < 0 || (contentLength >= 0 && contentLength != length)) {
                out.kind = Outcome::Malformed;
                out.problem = "bad Content-Length: " + value;
                return true;
            }
            contentLength = length;
        } else if (name == "content-type") {
            out.contentType = value;
        } else if (name == "transfer-encoding") {
            out.kind = Outcome::Malformed; // the server always sends Content-Length
            out.problem = "unexpected Transfer-Encoding: " + value;
            return true;
        }
    }
    const QByteArray rest = in.mid(end + 4);
    if (head || out.status == 204 || out.status == 304 || out.status < 200) {
        out.kind = Outcome::Answered;
        out.consumed = end + 4;
        return true;
    }
    if (contentLength < 0) {
        if (!closed)
            return false;
        out.body = rest;
        out.consumed = in.size();
    } else {
        if (rest.size() < contentLength) {
            if (!closed)
                return false;
            out.kind = Outcome::Malformed;
            out.problem = "body shorter than Content-Length";
            return true;
        }
        out.body = rest.left(contentLength);
        out.consumed = end + 4 + contentLength;
    }
    out.kind = Outcome::Answered;
    return true;
}

// Sends requests on fresh connections, several at a time, and reads one response from each. Runs
// the event loop while it waits, so the server (on this thread) keeps working.
class RawClient {
public:
    explicit RawClient(quint16 port) : m_port(port) {}

    std::vector<Outcome> run(const std::vector<const HostileCase*>& batch, std::chrono::milliseconds deadline)
    {
        struct Flight {
            std::unique_ptr<QTcpSocket> socket;
            QByteArray in;
            bool head = false;
            bool done = false;
            Outcome outcome;
        };
        std::vector<Flight> flights(batch.size());
        QEventLoop loop;
        std::size_t remaining = batch.size();
        const auto settle = [&](Flight& flight, bool closed) {
            if (flight.done)
                return;
            flight.in += flight.socket->readAll();
            if (!parseResponse(flight.in, closed, flight.head, flight.outcome))
                return;
            flight.done = true;
            if (--remaining == 0)
                loop.quit();
        };
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Flight& flight = flights[i];
            flight.head = batch[i]->head;
            flight.socket = std::make_unique<QTcpSocket>();
            QTcpSocket* socket = flight.socket.get();
            QObject::connect(socket, &QTcpSocket::readyRead, socket,
                             [&settle, &flight] { settle(flight, false); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket,
                             [&settle, &flight] { settle(flight, true); });
            QObject::connect(socket, &QTcpSocket::errorOccurred, socket,
                             [&settle, &flight](QAbstractSocket::SocketError) {
                                 // A reset after the server half-closed (oversized upload) still leaves what
                                 // it wrote.
                                 settle(flight, true);
                             });
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            socket->write(batch[i]->request);
        }
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(deadline);
        if (remaining > 0)
            loop.exec();
        std::vector<Outcome> outcomes;
        for (Flight& flight : flights) {
            flight.socket->disconnect();
            flight.socket->abort();
            if (!flight.done)
                flight.outcome.kind = Outcome::NoAnswerInTime;
            outcomes.push_back(std::move(flight.outcome));
        }
        return outcomes;
    }

    // A plain request that must succeed, for the checks around the hostile run.
    Outcome simple(const QByteArray& method, const QByteArray& target, const QByteArray& body = {})
    {
        HostileCase one{"check", httpRequest(method, target, body), {}, Framing::Normal, false};
        return run({&one}, std::chrono::seconds(30)).front();
    }

    // Several requests written at once on one connection (HTTP/1.1 pipelining); reads up to
    // `responses` answers in the order they arrive.
    std::vector<Outcome> pipeline(const QByteArray& requests, std::size_t responses,
                                  std::chrono::milliseconds deadline)
    {
        std::vector<Outcome> outcomes;
        QByteArray in;
        QTcpSocket socket;
        QEventLoop loop;
        bool closed = false;
        const auto settle = [&] {
            in += socket.readAll();
            while (outcomes.size() < responses) {
                Outcome outcome;
                if (!parseResponse(in, closed, false, outcome))
                    return;
                if (outcome.kind != Outcome::Answered) {
                    outcomes.push_back(outcome);
                    loop.quit();
                    return;
                }
                in.remove(0, outcome.consumed);
                outcomes.push_back(outcome);
            }
            loop.quit();
        };
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, settle);
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] {
            closed = true;
            settle();
        });
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        socket.write(requests);
        QTimer::singleShot(deadline, &loop, &QEventLoop::quit);
        loop.exec();
        socket.disconnect();
        socket.abort();
        return outcomes;
    }

private:
    quint16 m_port;
};

// The generator: deterministic for a given seed, so a failing case can be named and replayed.
class CaseGenerator {
public:
    explicit CaseGenerator(QByteArray sourceFile) : m_sourceFile(std::move(sourceFile)) {}

    std::vector<HostileCase> generate()
    {
        wrongMethods();
        oddNames();
        hostileBodies();
        wrongTypes();
        headerAbuse();
        oversized();
        framing();
        return std::move(m_cases);
    }

private:
    QByteArray freshName() { return "hostile-new-" + QByteArray::number(m_fresh++); }

    void add(const QByteArray& family, QByteArray request, std::vector<int> statuses,
             Framing framing = Framing::Normal, bool head = false)
    {
        m_cases.push_back(HostileCase{family, std::move(request), std::move(statuses), framing, head});
    }

    // A FileStreamSource config that would be accepted as it is: each wrong-type case spoils one field.
    QJsonObject validSourceConfig() const
    {
        return QJsonObject{{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                           {QStringLiteral("tasks.max"), QStringLiteral("1")},
                           {QStringLiteral("file"), QString::fromUtf8(m_sourceFile + ".other")},
                           {QStringLiteral("topic"), QStringLiteral("hostile-elsewhere")}};
    }

    static QByteArray compact(const QJsonObject& object)
    {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    void wrongMethods()
    {
        struct Route {
            QByteArray path;
            std::vector<QByteArray> allowed;
        };
        const std::vector<Route> routes = {
            {"/", {"GET"}},
            {"/health", {"GET"}},
            {"/connectors", {"GET", "POST"}},
            {"/connectors/{c}", {"GET", "DELETE"}},
            {"/connectors/{c}/config", {"GET", "PUT", "PATCH"}},
            {"/connectors/{c}/status", {"GET"}},
            {"/connectors/{c}/restart", {"POST"}},
            {"/connectors/{c}/pause", {"PUT"}},
            {"/connectors/{c}/resume", {"PUT"}},
            {"/connectors/{c}/stop", {"PUT"}},
            {"/connectors/{c}/tasks", {"GET", "POST"}},
            {"/connectors/{c}/fence", {"PUT"}},
            {"/connectors/{c}/tasks/0/status", {"GET"}},
            {"/connectors/{c}/tasks/0/restart", {"POST"}},
            {"/connectors/{c}/topics", {"GET"}},
            {"/connectors/{c}/topics/reset", {"PUT"}},
            {"/connectors/{c}/offsets", {"GET", "PATCH", "DELETE"}},
            {"/connector-plugins", {"GET"}},
            {"/connector-plugins/FileStreamSource/config", {"GET"}},
            {"/connector-plugins/FileStreamSource/config/validate", {"PUT"}},
            {"/admin/loggers", {"GET"}},
            {"/admin/loggers/connectdesk", {"GET", "PUT"}},
        };
        // HEAD is served wherever GET is (JAX-RS); PROPFIND and FOO reach the router as unknown methods.
        const std::vector<QByteArray> methods = {"GET",   "HEAD",    "POST",     "PUT", "PATCH",  "DELETE",
                                                 "TRACE", "OPTIONS", "PROPFIND", "FOO", "CONNECT"};
        for (const Route& route : routes) {
            const bool named = route.path.contains("{c}");
            for (const QByteArray& connector : named ? std::vector<QByteArray>{kSource, "no-such-connector"}
                                                     : std::vector<QByteArray>{QByteArray()}) {
                QByteArray path = route.path;
                path.replace("{c}", connector);
                for (const QByteArray& method : methods) {
                    const QByteArray asRouted = method == "HEAD" ? QByteArray("GET") : method;
                    if (std::find(route.allowed.begin(), route.allowed.end(), asRouted) !=
                        route.allowed.end())
                        continue;
                    // Half of them carry a body, as a confused client would send.
                    const QByteArray body =
                        m_random() % 2 ? QByteArray(R"({"name":"x","config":{"connector.class":[1]}})")
                                       : QByteArray();
                    add("wrong-method", httpRequest(method, path, body), {405}, Framing::Normal,
                        method == "HEAD");
                }
            }
        }
    }

    void oddNames()
    {
        // Percent-encoded as they stand in the path; none decodes to an existing connector.
        std::vector<QByteArray> names = {"..",
                                         "%2E%2E",
                                         "..%2F..",
                                         "a%2Fb",
                                         "%2F",
                                         "%2F%2F",
                                         "..%2F..%2F..%2Fetc%2Fpasswd",
                                         "%00",
                                         "a%00b",
                                         "hostile-src%00",
                                         "hostile-src%2F..",
                                         "hostile-src%20",
                                         "%20hostile-src",
                                         "HOSTILE-SRC",
                                         "%FF%FE",
                                         "%C0%AE%C0%AE",
                                         "%ED%A0%80",
                                         "%F4%90%80%80",
                                         "%E2%80%AE",
                                         "%",
                                         "%zz",
                                         "%2",
                                         "~",
                                         "*",
                                         "%24%7Bfile%3A%2Fetc%2Fpasswd%3Ax%7D",
                                         "a%0D%0AX-Injected%3A%201",
                                         "%3Cscript%3E",
                                         "a%3Bb",
                                         QByteArray(2000, 'a'),
                                         QByteArray(20000, 'b')};
        struct Use {
            QByteArray method;
            QByteArray pattern;
            std::vector<int> statuses;
        };
        const std::vector<Use> uses = {
            {"GET", "/connectors/{n}", {404}},
            {"DELETE", "/connectors/{n}", {404}},
            {"GET", "/connectors/{n}/config", {404}},
            {"GET", "/connectors/{n}/status", {404}},
            {"GET", "/connectors/{n}/tasks", {404}},
            // §4.19: Apache checks no existence here; kept for the odd names' trip through the code.
            {"GET", "/connectors/{n}/topics", {200}},
            {"PUT", "/connectors/{n}/topics/reset", {202}},
            {"GET", "/connectors/{n}/offsets", {404}},
            {"DELETE", "/connectors/{n}/offsets", {404}},
            {"PUT", "/connectors/{n}/pause", {404}},
            {"PUT", "/connectors/{n}/resume", {404}},
            {"PUT", "/connectors/{n}/stop", {404, 500}},
            {"POST", "/connectors/{n}/restart?includeTasks=true&onlyFailed=%00", {404}},
            {"GET", "/connectors/{n}/tasks/0/status", {404}},
            {"POST", "/connectors/{n}/tasks/0/restart", {404}},
            {"GET", "/admin/loggers/{n}", {404}},
            {"GET", "/connector-plugins/{n}/config", {404}},
        };
        for (const QByteArray& name : names)
            for (const Use& use : uses) {
                QByteArray path = use.pattern;
                path.replace("{n}", name);
                add("odd-name", httpRequest(use.method, path), use.statuses);
            }
        // Task ids that are not integers do not match the route at all (§2.2); out-of-range ones
        // are unknown tasks.
        for (const QByteArray& task :
             {QByteArray("-1"), QByteArray("99999999999"), QByteArray("0x1"), QByteArray("1.5"),
              QByteArray("%31"), QByteArray("%00"), QByteArray(""), QByteArray("7"), QByteArray("%2E%2E")})
            for (const QByteArray& tail : {QByteArray("/status"), QByteArray("/restart")})
                add("odd-task",
                    httpRequest(tail == "/status" ? "GET" : "POST",
                                "/connectors/" + kSource + "/tasks/" + task + tail),
                    {404});
        // Dot segments left raw: whether or not they are normalised, they name nothing.
        for (const QByteArray& path :
             {QByteArray("/connectors/x/../../admin/nothing"), QByteArray("/connectors/../nothing"),
              QByteArray("/./connectors/./x/./y"),
              QByteArray("/connectors/hostile-src/../../../../etc/passwd"), QByteArray("//connectors//x"),
              QByteArray("/connectors/x%2F..%2F..%2F/config")})
            add("dot-segments", httpRequest("GET", path), {404});
    }

    // Bytes with one or two random changes; the bases are rejected whatever the changes do (every
    // base holds at least three arrays where only scalars are allowed, or names nothing).
    QByteArray mutate(QByteArray text)
    {
        const int changes = 1 + static_cast<int>(m_random() % 2);
        for (int i = 0; i < changes && !text.isEmpty(); ++i) {
            const auto at = static_cast<qsizetype>(m_random() % static_cast<unsigned>(text.size()));
            switch (m_random() % 3) {
            case 0:
                text[at] = static_cast<char>(m_random() % 256);
                break;
            case 1:
                text.remove(at, 1);
                break;
            default:
                text.insert(at, "{[\",:}]\\"[m_random() % 8]);
            }
        }
        return text;
    }

    void hostileBodies()
    {
        struct Target {
            QByteArray method;
            QByteArray path;
            QByteArray base;
            std::vector<int> statuses;
        };
        const std::vector<Target> targets = {
            {"POST",
             "/connectors",
             R"({"name":"hostile-new-m","config":{"connector.class":["FileStreamSource"],"file":["f"],"topic":["t"]}})",
             {400, 500}},
            {"PUT",
             "/connectors/hostile-new-m/config",
             R"({"connector.class":["FileStreamSource"],"file":["f"],"topic":["t"],"tasks.max":[1]})",
             {400, 500}},
            {"PATCH",
             "/connectors/hostile-new-m/config",
             R"({"file":["f"],"topic":["t"],"tasks.max":[1]})",
             {404, 500}},
            {"PUT",
             "/connectors/" + kSource + "/config",
             R"({"connector.class":["FileStreamSource"],"file":["f"],"topic":["t"],"tasks.max":[1]})",
             {400, 500}},
            {"PATCH",
             "/connectors/" + kSource + "/config",
             R"({"file":["f"],"topic":["t"],"tasks.max":[1]})",
             {400, 500}},
            // A running connector's offsets cannot be altered (§4.19), whatever the body says.
            {"PATCH",
             "/connectors/" + kSource + "/offsets",
             R"({"offsets":[{"partition":{"filename":"f"},"offset":{"position":0}}]})",
             {400, 500}},
            {"PUT",
             "/connector-plugins/FileStreamSource/config/validate",
             R"({"connector.class":["FileStreamSource"],"name":["v"],"topic":["t"]})",
             {400, 500}},
            {"PUT",
             "/admin/loggers/connectdesk.hostile",
             R"({"level":["DEBUG"],"x":["y"],"z":[1]})",
             {400, 404, 500}},
        };
        const std::vector<QByteArray> badUtf8 = {
            "\xff",     "\xfe\xff",     "\xc0\xaf",         "\x80",
            "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80"};
        for (const Target& target : targets) {
            // Truncated: every strict prefix of a JSON object is malformed.
            for (int i = 0; i < 8; ++i) {
                const auto cut =
                    1 + static_cast<qsizetype>(m_random() % static_cast<unsigned>(target.base.size() - 1));
                add("truncated-json", httpRequest(target.method, target.path, target.base.left(cut)),
                    target.statuses);
            }
            for (int i = 0; i < 8; ++i)
                add("mutated-json", httpRequest(target.method, target.path, mutate(target.base)),
                    target.statuses);
            // 10,000-deep nesting, closed and unclosed, arrays and objects, alone and inside the entity.
            const int depth = 10000;
            const QByteArray arrays = QByteArray(depth, '[') + QByteArray(depth, ']');
            QByteArray objects;
            for (int i = 0; i < depth; ++i)
                objects += "{\"a\":";
            objects += "1" + QByteArray(depth, '}');
            for (const QByteArray& body : {arrays, QByteArray(depth, '['), objects,
                                           QByteArray(R"({"name":"n","config":)") + objects + "}",
                                           QByteArray(R"({"level":)") + arrays + "}"})
                add("deep-nesting", httpRequest(target.method, target.path, body), target.statuses);
            // Invalid UTF-8 inside a string of the (already rejected) base.
            for (const QByteArray& bytes : badUtf8) {
                QByteArray body = target.base;
                const qsizetype quote = body.indexOf('"', 1);
                body.insert(quote + 1, bytes);
                add("bad-utf8-body", httpRequest(target.method, target.path, body), target.statuses);
            }
            // Empty, blank and non-object bodies.
            for (const QByteArray& body :
                 {QByteArray(""), QByteArray("   \r\n"), QByteArray("null"), QByteArray("[]"),
                  QByteArray("\"str\""), QByteArray("42"), QByteArray("true"), QByteArray("{} {}"),
                  QByteArray("\xef\xbb\xbf[]"), QByteArray("{\"a\":1,}")}) {
                std::vector<int> statuses = target.statuses;
                statuses.push_back(
                    400); // e.g. {} for a logger: "Desired 'level' parameter was not specified"
                add("non-object-body", httpRequest(target.method, target.path, body), statuses);
            }
        }
    }

    void wrongTypes()
    {
        const std::vector<std::pair<const char*, QJsonValue>> structured = {
            {"array", QJsonArray{QStringLiteral("x")}},
            {"object", QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}},
        };
        // Every create field with a type Jackson cannot bind; each body is otherwise valid, so only
        // the wrong field stands between it and a new connector (checked at the end).
        for (const auto& [label, value] : structured) {
            add("create-types",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), value},
                                                {QStringLiteral("config"), validSourceConfig()}})),
                {500});
            add("create-types",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(freshName())},
                                                {QStringLiteral("config"), validSourceConfig()},
                                                {QStringLiteral("initial_state"), value}})),
                {500});
        }
        for (const QJsonValue& config :
             {QJsonValue(QStringLiteral("str")), QJsonValue(5), QJsonValue(true),
              QJsonValue(QJsonArray{validSourceConfig()}), QJsonValue(QJsonValue::Null)})
            add("create-types",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(freshName())},
                                                {QStringLiteral("config"), config}})),
                {500});
        for (const QJsonValue& state : {QJsonValue(5), QJsonValue(true), QJsonValue(QStringLiteral("BOGUS")),
                                        QJsonValue(QStringLiteral("running ")), QJsonValue(QString())})
            add("create-types",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(freshName())},
                                                {QStringLiteral("config"), validSourceConfig()},
                                                {QStringLiteral("initial_state"), state}})),
                {500});
        // Names Connect's validator refuses (§4.4: non-empty, no ISO control characters).
        for (const QString& name :
             {QString(), QStringLiteral("   "), QStringLiteral("a\u0000b"), QStringLiteral("tab\there"),
              QStringLiteral("nl\nx"), QStringLiteral("del\u007f"), QStringLiteral("c1\u009f")})
            add("create-names",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), name},
                                                {QStringLiteral("config"), validSourceConfig()}})),
                {400});
        add("create-names",
            httpRequest("POST", "/connectors",
                        compact(QJsonObject{{QStringLiteral("name"), QJsonValue::Null},
                                            {QStringLiteral("config"), validSourceConfig()}})),
            {400});
        // Unknown top-level fields, as copied from a GET answer (§2.2).
        for (const char* field : {"tasks", "type", "status", "__proto__", "Name"})
            add("unknown-field",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(freshName())},
                                                {QStringLiteral("config"), validSourceConfig()},
                                                {QLatin1String(field), QJsonArray()}})),
                {500});

        // One config field wrong at a time: on create, on PUT of a new and of the running connector.
        std::vector<std::pair<QString, QJsonValue>> spoilers = {
            {QStringLiteral("connector.class"), QJsonValue(5)},
            {QStringLiteral("connector.class"), QJsonValue(true)},
            {QStringLiteral("connector.class"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("connector.class"), QJsonValue(QStringLiteral("../FileStreamSource"))},
            {QStringLiteral("tasks.max"), QJsonValue(QStringLiteral("abc"))},
            {QStringLiteral("tasks.max"), QJsonValue(-1)},
            {QStringLiteral("tasks.max"), QJsonValue(1.5)},
            {QStringLiteral("tasks.max"), QJsonValue(QStringLiteral("99999999999999999999"))},
            {QStringLiteral("topic"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("batch.size"), QJsonValue(QStringLiteral("x"))},
            {QStringLiteral("key.converter"), QJsonValue(7)},
            {QStringLiteral("transforms"), QJsonValue(QStringLiteral("nope"))},
        };
        for (const auto& [label, value] : structured) {
            for (const char* field : {"connector.class", "tasks.max", "file", "topic", "batch.size", "name"})
                spoilers.emplace_back(QLatin1String(field), value);
        }
        for (const auto& [field, value] : spoilers) {
            QJsonObject config = validSourceConfig();
            config.insert(field, value);
            const bool structuredValue = value.isArray() || value.isObject();
            const std::vector<int> statuses = structuredValue ? std::vector<int>{500} : std::vector<int>{400};
            add("config-types",
                httpRequest("POST", "/connectors",
                            compact(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(freshName())},
                                                {QStringLiteral("config"), config}})),
                statuses);
            add("config-types", httpRequest("PUT", "/connectors/" + freshName() + "/config", compact(config)),
                statuses);
            if (field != QLatin1String("name"))
                add("config-types", httpRequest("PUT", "/connectors/" + kSource + "/config", compact(config)),
                    statuses);
            // Validate answers 200 with the errors listed for a config it can read; only unreadable
            // ones are hostile to it.
            if (structuredValue)
                add("config-types",
                    httpRequest("PUT", "/connector-plugins/FileStreamSource/config/validate",
                                compact(config)),
                    {500});
        }
        // PATCH of the running connector that would leave it invalid (null removes a key, §4.9).
        for (const QByteArray& patch :
             {QByteArray(R"({"tasks.max":"abc"})"), QByteArray(R"({"tasks.max":[1]})"),
              QByteArray(R"({"connector.class":null})"), QByteArray(R"({"topic":null})"),
              QByteArray(R"({"file":{}})"), QByteArray(R"({"connector.class":"Nope"})"),
              QByteArray(R"({"name":"other"})")})
            add("patch-types", httpRequest("PATCH", "/connectors/" + kSource + "/config", patch), {400, 500});

        // Offsets of every wrong shape; the connector runs, so even a good body is refused (§4.19).
        for (const QByteArray& body :
             {QByteArray(R"({"offsets":"x"})"),
              QByteArray(R"({"offsets":5})"),
              QByteArray(R"({"offsets":{}})"),
              QByteArray(R"({"offsets":true})"),
              QByteArray(R"({"offsets":null})"),
              QByteArray(R"({"offsets":[]})"),
              QByteArray(R"({"offsets":["x"]})"),
              QByteArray(R"({"offsets":[5]})"),
              QByteArray(R"({"offsets":[[]]})"),
              QByteArray(R"({"offsets":[null]})"),
              QByteArray(R"({"offsets":[{"partition":"x","offset":{}}]})"),
              QByteArray(R"({"offsets":[{"partition":5,"offset":{}}]})"),
              QByteArray(R"({"offsets":[{"partition":[],"offset":{}}]})"),
              QByteArray(R"({"offsets":[{"partition":true,"offset":{}}]})"),
              QByteArray(R"({"offsets":[{"partition":{},"offset":"x"}]})"),
              QByteArray(R"({"offsets":[{"partition":{},"offset":5}]})"),
              QByteArray(R"({"offsets":[{"partition":{},"offset":[]}]})"),
              QByteArray(R"({"offsets":[{"partition":{},"offset":{},"extra":1}]})"),
              QByteArray(R"({"offsets":[{"partition":{"filename":"f"},"offset":{"position":-1}}]})"),
              QByteArray(R"({"offsets":[{"partition":{"filename":"f"},"offset":{"position":"x"}}]})"),
              QByteArray(R"({"offsets":[],"extra":1})"),
              QByteArray(R"({"Offsets":[]})")})
            add("offsets-types", httpRequest("PATCH", "/connectors/" + kSource + "/offsets", body),
                {400, 500});
        // Offsets of unknown connectors: 404 once the body parses.
        add("offsets-types",
            httpRequest("PATCH", "/connectors/" + freshName() + "/offsets",
                        R"({"offsets":[{"partition":{"filename":"f"},"offset":{"position":0}}]})"),
            {404});

        // Logger levels of every wrong type, on ordinary and odd logger names.
        for (const QByteArray& logger : {QByteArray("connectdesk"), QByteArray("root"), QByteArray("..%2F.."),
                                         QByteArray("%00"), QByteArray("%FF"), QByteArray(300, 'l')})
            for (const QByteArray& body :
                 {QByteArray(R"({"level":5})"), QByteArray(R"({"level":true})"),
                  QByteArray(R"({"level":["INFO"]})"), QByteArray(R"({"level":{"v":"INFO"}})"),
                  QByteArray(R"({"level":null})"), QByteArray(R"({"level":""})"),
                  QByteArray(R"({"level":"TRACEX"})"), QByteArray(R"({"lvl":"INFO"})"),
                  QByteArray(R"({"level":"NOPE","x":1})"), QByteArray(R"({"level":"INFO\u0000"})")})
                add("logger-types", httpRequest("PUT", "/admin/loggers/" + logger, body), {400, 404, 500});
    }

    void headerAbuse()
    {
        // A valid create body whose media types are wrong: 415 / 406, and nothing is created.
        const auto createBody = [this] {
            return compact(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(freshName())},
                                       {QStringLiteral("config"), validSourceConfig()}});
        };
        for (const QByteArray& type :
             {QByteArray("text/plain"), QByteArray("application/xml"),
              QByteArray("application/x-www-form-urlencoded"), QByteArray("multipart/form-data; boundary=x"),
              QByteArray("application/jsonx"), QByteArray("json"), QByteArray("text/json-ish")})
            add("content-type", httpRequest("POST", "/connectors", createBody(), {}, type), {415});
        for (const QByteArray& accept :
             {QByteArray("text/html"), QByteArray("application/xml"), QByteArray("application/json;q=0"),
              QByteArray("image/png, text/plain")})
            add("accept", httpRequest("POST", "/connectors", createBody(), "Accept: " + accept + "\r\n"),
                {406});
        // Long and many headers, long paths and queries on a resource that does not exist.
        for (int size : {8 * 1024, 60 * 1024})
            add("long-header",
                httpRequest("GET", "/connectors/no-such", {}, "X-Long: " + QByteArray(size, 'h') + "\r\n"),
                {400, 404, 413, 431});
        QByteArray many;
        for (int i = 0; i < 300; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        add("many-headers", httpRequest("GET", "/connectors/no-such", {}, many), {400, 404, 431});
        add("long-path", httpRequest("GET", "/connectors/" + QByteArray(100000, 'p')), {400, 404, 414});
        add("long-path", httpRequest("GET", "/" + QByteArray(50000, '/')), {400, 404, 414});
        add("long-query", httpRequest("GET", "/connectors/no-such?expand=" + QByteArray(50000, 'q')),
            {400, 404, 414});
        QByteArray expands;
        for (int i = 0; i < 2000; ++i)
            expands += "expand=status&";
        add("long-query", httpRequest("GET", "/connectors/no-such/status?" + expands), {404});
        add("long-query", httpRequest("GET", "/connectors/no-such?%FF%FE=%00&&&=&%zz"), {404});
        // Header injection through a name: the answer must not carry the injected header (checked).
        add("injection", httpRequest("GET", "/connectors/x%0D%0AX-Injected:%201/status"), {404});
        add("injection", httpRequest("GET", "/admin/loggers/x%0D%0AX-Injected:%201"), {404});
        // Basic auth is off: credentials of any shape change nothing.
        add("auth-noise", httpRequest("DELETE", "/connectors/no-such", {}, "Authorization: Basic !!!\r\n"),
            {404});
        add("auth-noise",
            httpRequest("DELETE", "/connectors/no-such", {},
                        "Authorization: " + QByteArray(4000, 'A') + "\r\n"),
            {404});
    }

    void oversized()
    {
        // §4 (issue 5): bodies over the limit get 413 before anything reaches the herder, both when
        // the router sees the whole body and when the upload guard cuts it off early.
        const qsizetype limit = 1 << 20;
        for (const qsizetype size : {limit + 1, limit + 20 * 1024, limit + 200 * 1024, 3 * limit}) {
            // Otherwise valid bodies: only their size is wrong.
            QByteArray config = "{\"connector.class\":\"FileStreamSource\",\"topic\":\"t\",\"file\":\"";
            config += QByteArray(size - config.size() - 2, 'z') + "\"}";
            add("oversized", httpRequest("PUT", "/connectors/" + kSource + "/config", config), {413});
            const QByteArray create = R"({"name":"hostile-huge","config":)" + config + "}";
            add("oversized", httpRequest("POST", "/connectors", create), {413});
        }
        add("oversized",
            httpRequest("PUT", "/admin/loggers/root",
                        QByteArray("{\"level\":\"") + QByteArray(limit, 'D') + "\"}"),
            {413});
    }

    void framing()
    {
        const QByteArray create = R"({"name":"hostile-framing","config":{"connector.class":[1]}})";
        // Content-Length larger than what is sent: the server must wait, then its idle timeout closes.
        add("truncated-body",
            "POST /connectors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            "500\r\n\r\n" +
                create,
            {}, Framing::Truncated);
        add("truncated-body",
            "PUT /admin/loggers/root HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n{\"level\":\"", {},
            Framing::Truncated);
        // Content-Length shorter than the body: the rest reads as a garbage second request.
        add("short-length",
            "POST /connectors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            "10\r\n\r\n" +
                create,
            {500});
        // Lengths that are not numbers, or contradict each other, or chunked framing gone wrong.
        const std::vector<QByteArray> badHeaders = {
            "Content-Length: abc\r\n",
            "Content-Length: -5\r\n",
            "Content-Length: 1e3\r\n",
            "Content-Length: 18446744073709551616\r\n",
            "Content-Length: 5\r\nContent-Length: 7\r\n",
            "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: chunked, gzip\r\n",
            "Transfer-Encoding: bogus\r\n",
        };
        for (const QByteArray& header : badHeaders)
            add("bad-length",
                "POST /connectors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + header +
                    "\r\n" + create,
                {400, 411, 413, 500}, Framing::Unparseable);
        for (const QByteArray& chunks :
             {QByteArray("ZZ\r\n{}\r\n0\r\n\r\n"), QByteArray("-1\r\n{}\r\n0\r\n\r\n"),
              QByteArray("FFFFFFFFFFFFFFFFFF\r\n{}\r\n"), QByteArray("2\r\n{}XX0\r\n\r\n")})
            add("bad-chunks",
                "POST /connectors HTTP/1.1\r\nHost: x\r\nContent-Type: "
                "application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                    chunks,
                {400, 500}, Framing::Unparseable);
        // Broken request lines and header blocks, raw bytes where text belongs.
        const std::vector<QByteArray> broken = {
            "GET /connectors/no-such HTTP/9.9\r\nHost: x\r\n\r\n",
            "GET /connectors/no-such\r\n\r\n",
            "GET\r\n\r\n",
            "\r\n\r\n",
            "GET  /connectors/no-such  HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /connectors/no such HTTP/1.1\r\nHost: x\r\n\r\n",
            literalBytes("GET /connectors/a\0b HTTP/1.1\r\nHost: x\r\n\r\n"),
            "GET /connectors/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /connectors/no-such HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
            literalBytes("GET /connectors/no-such HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n"),
            "GET /connectors/no-such HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n  folded\r\n\r\n",
            "GET /connectors/no-such HTTP/1.1\nHost: x\n\n",
            "GET /connectors/no-such HTTP/1.1\r\n\r\n",
            "GET http://evil.example/connectors/no-such HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
            "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        };
        for (const QByteArray& raw : broken)
            add("broken-http", raw, {400, 404, 405, 414}, Framing::Unparseable);
        for (int i = 0; i < 12; ++i) {
            QByteArray garbage;
            const int size = 1 + static_cast<int>(m_random() % 600);
            for (int j = 0; j < size; ++j)
                garbage += static_cast<char>(m_random() % 256);
            add("garbage", garbage + "\r\n\r\n", {400, 404, 405}, Framing::Unparseable);
        }
    }

    QByteArray m_sourceFile;
    std::mt19937 m_random{20261202}; // fixed seed: the same cases on every run
    int m_fresh = 0;
    std::vector<HostileCase> m_cases;
};

} // namespace

class RestHostileTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hostileRequests();
    void nameTrimmedLikeJava();
    void pipelinedAnswersInOrder();

private:
    void appendLines(int count);
    qint64 sourcePosition();

    QTemporaryDir m_dir;
    QString m_sourceFile;
    int m_linesWritten = 0;
    std::unique_ptr<kafka::SandboxCluster> m_kafka;
    std::unique_ptr<runtime::Plugins> m_plugins;
    std::unique_ptr<runtime::StandaloneHerder> m_herder;
    std::unique_ptr<rest::RestServer> m_server;
    std::unique_ptr<RawClient> m_client;
};

void RestHostileTest::appendLines(int count)
{
    QFile file(m_sourceFile);
    QVERIFY(file.open(QIODevice::Append));
    for (int i = 0; i < count; ++i)
        file.write("line " + QByteArray::number(m_linesWritten++) + "\n");
}

// The source task's committed position in its file (FileStreamSource offsets, §4.18), -1 if none.
qint64 RestHostileTest::sourcePosition()
{
    const Outcome answer = m_client->simple("GET", "/connectors/" + kSource + "/offsets");
    if (answer.kind != Outcome::Answered || answer.status != 200)
        return -1;
    const QJsonArray offsets =
        QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("offsets")).toArray();
    if (offsets.isEmpty())
        return -1;
    return offsets.first()
        .toObject()
        .value(QStringLiteral("offset"))
        .toObject()
        .value(QStringLiteral("position"))
        .toInteger(-1);
}

void RestHostileTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sourceFile = m_dir.filePath(QStringLiteral("source.txt"));
    appendLines(20);
    m_kafka = std::make_unique<kafka::SandboxCluster>();
    m_kafka->start();
    m_kafka->createTopic("hostile-lines", 1);
    m_plugins = std::make_unique<runtime::Plugins>();
    m_plugins->loadPluginPath(runtime::defaultPluginDirs());
    QVERIFY2(m_plugins->findConnector("FileStreamSource") != nullptr, "connect-file plugin not found");
    m_plugins->addBuiltinConverters();
    m_herder = testing::startSandboxHerder(
        {{"bootstrap.servers", "sandbox"},
         {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
         {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
         {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("connect.offsets")).toStdString()},
         {"offset.flush.interval.ms", "200"}},
        *m_plugins, *m_kafka);
    QVERIFY(m_herder->ready());
    rest::RestServerConfig restConfig;
    // Short enough that connections the server rightly leaves waiting close within the run;
    // requests that need the herder still get 20 s before Apache's timeout answer.
    restConfig.idleTimeout = std::chrono::milliseconds(1500);
    restConfig.requestTimeout = std::chrono::seconds(20);
    std::string problem;
    QVERIFY2(!testing::startLoopbackRestServer(*m_herder, restConfig, m_server, problem).isEmpty(),
             problem.c_str());
    m_client = std::make_unique<RawClient>(m_server->boundPorts().front());

    const QJsonObject create{
        {QStringLiteral("name"), QString::fromUtf8(kSource)},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("tasks.max"), QStringLiteral("1")},
                     {QStringLiteral("file"), m_sourceFile},
                     {QStringLiteral("topic"), QStringLiteral("hostile-lines")}}}};
    const Outcome created =
        m_client->simple("POST", "/connectors", QJsonDocument(create).toJson(QJsonDocument::Compact));
    QCOMPARE(created.kind, Outcome::Answered);
    QCOMPARE(created.status, 201);
    QTRY_VERIFY_WITH_TIMEOUT(sourcePosition() > 0, 30000);
}

void RestHostileTest::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
    if (m_herder)
        m_herder->stop();
    m_herder.reset();
    // As tst_rest_standalone: task-closing threads may outlive the herder; keep the plugin code
    // and the sandbox until process exit.
    static_cast<void>(m_plugins.release());
    static_cast<void>(m_kafka.release());
}

void RestHostileTest::hostileRequests()
{
    const Outcome listedBefore = m_client->simple("GET", "/connectors");
    const Outcome configBefore = m_client->simple("GET", "/connectors/" + kSource + "/config");
    const Outcome loggersBefore = m_client->simple("GET", "/admin/loggers");
    QCOMPARE(listedBefore.status, 200);
    QCOMPARE(configBefore.status, 200);
    QCOMPARE(loggersBefore.status, 200);
    const qint64 positionBefore = sourcePosition();
    QVERIFY(positionBefore > 0);

    const std::vector<HostileCase> cases = CaseGenerator(m_sourceFile.toUtf8()).generate();
    qInfo("%zu hostile requests generated", cases.size());
    QVERIFY(cases.size() >= 1000);

    std::map<QByteArray, int> byStatus;
    std::map<QByteArray, int> byFamily;
    std::map<QByteArray, int> allowed500;
    QStringList failures;
    QStringList silentOnBrokenHttp;
    int truncatedWaits = 0;
    int liveness = 0;
    const auto describe = [](const HostileCase& c, std::size_t index) {
        QByteArray line = c.request.left(c.request.indexOf('\n') < 0 ? 80 : c.request.indexOf('\n'));
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > 100)
            line = line.left(100) + "...";
        return QStringLiteral("#%1 %2 %3")
            .arg(index)
            .arg(QString::fromLatin1(c.family), QString::fromLatin1(line.toPercentEncoding(" /?&=:%")));
    };
    QElapsedTimer clock;
    clock.start();
    // Cases run eight at a time on separate connections; the framing cases that may be left
    // waiting are batched together so the idle timeout is paid a few times only.
    constexpr std::size_t kBatch = 8;
    for (std::size_t begin = 0; begin < cases.size(); begin += kBatch) {
        std::vector<const HostileCase*> batch;
        for (std::size_t i = begin; i < std::min(cases.size(), begin + kBatch); ++i)
            batch.push_back(&cases[i]);
        const std::vector<Outcome> outcomes = m_client->run(batch, std::chrono::seconds(45));
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const HostileCase& hostile = *batch[k];
            const Outcome& outcome = outcomes[k];
            const QString name = describe(hostile, begin + k);
            ++byFamily[hostile.family];
            if (outcome.kind == Outcome::NoAnswerInTime) {
                ++byStatus["no answer (hang)"];
                failures << name + QStringLiteral(": connection neither answered nor closed in 45 s");
                continue;
            }
            if (outcome.kind == Outcome::Malformed) {
                ++byStatus["malformed"];
                failures << name + QStringLiteral(": malformed response: ") +
                                QString::fromLatin1(outcome.problem);
                continue;
            }
            if (outcome.kind == Outcome::ClosedWithoutAnswer) {
                ++byStatus["closed without answer"];
                if (hostile.framing == Framing::Truncated)
                    ++truncatedWaits;
                else if (hostile.framing == Framing::Unparseable)
                    silentOnBrokenHttp << name;
                else
                    failures << name + QStringLiteral(": connection closed without an answer");
                continue;
            }
            ++byStatus[QByteArray::number(outcome.status)];
            if (outcome.headers.contains("X-Injected"))
                failures << name + QStringLiteral(": a header was injected through the path");
            const bool expected = std::find(hostile.statuses.begin(), hostile.statuses.end(),
                                            outcome.status) != hostile.statuses.end();
            QString message;
            const QJsonDocument document = QJsonDocument::fromJson(outcome.body);
            const bool jsonError =
                document.isObject() &&
                document.object().value(QStringLiteral("error_code")).toInt() == outcome.status &&
                (document.object().value(QStringLiteral("message")).isString() ||
                 document.object().value(QStringLiteral("message")).isNull());
            if (jsonError)
                message = document.object().value(QStringLiteral("message")).toString();
            if (!expected) {
                failures << name + QStringLiteral(": status %1 (expected one of %2): %3")
                                       .arg(outcome.status)
                                       .arg(QString::fromStdString([&] {
                                           std::string list;
                                           for (int s : hostile.statuses)
                                               list += std::to_string(s) + " ";
                                           return list;
                                       }()))
                                       .arg(QString::fromUtf8(outcome.body.left(200)));
                continue;
            }
            if (outcome.status >= 200 && outcome.status < 300)
                continue; // topics of any name (§4.19)
            if (hostile.head) {
                // HEAD: the GET answer's head without its body; the error is still JSON.
                if (!outcome.contentType.startsWith("application/json"))
                    failures << name + QStringLiteral(": HEAD error without a JSON Content-Type");
                continue;
            }
            // Error answers from the application carry Connect's body (§2.5); only answers to
            // broken HTTP may come from the HTTP layer in another shape, as Jetty's do.
            if (!jsonError && hostile.framing != Framing::Unparseable) {
                failures << name + QStringLiteral(": error body is not {error_code,message}: ") +
                                QString::fromUtf8(outcome.body.left(200));
                continue;
            }
            if (outcome.status >= 500) {
                const auto reason =
                    std::find_if(kAllowed500.begin(), kAllowed500.end(),
                                 [&](const auto& entry) { return message.toUtf8().startsWith(entry.first); });
                if (outcome.status != 500 || reason == kAllowed500.end())
                    failures
                        << name + QStringLiteral(": %1 with an undocumented message: ").arg(outcome.status) +
                               message.left(200);
                else
                    ++allowed500[reason->second];
            }
        }
        // Every hundred requests: the server still answers, and the source gets new lines.
        if ((begin / kBatch) % 12 == 11) {
            const Outcome root = m_client->simple("GET", "/");
            QVERIFY2(root.kind == Outcome::Answered && root.status == 200,
                     "the server stopped answering GET /");
            ++liveness;
            appendLines(5);
        }
    }
    const qint64 elapsed = clock.elapsed();

    for (const auto& [status, count] : byStatus)
        qInfo("status %s: %d", status.constData(), count);
    for (const auto& [family, count] : byFamily)
        qInfo("family %s: %d", family.constData(), count);
    for (const auto& [reason, count] : allowed500)
        qInfo("allowed 500 (%s): %d", reason.constData(), count);
    qInfo("%zu requests in %lld ms; %d liveness probes; %d truncated uploads closed by the idle timeout; "
          "%lld broken-HTTP requests closed without an answer",
          cases.size(), static_cast<long long>(elapsed), liveness, truncatedWaits,
          static_cast<long long>(silentOnBrokenHttp.size()));
    for (const QString& failure : failures.mid(0, 300))
        qWarning("%s", qPrintable(failure));
    QVERIFY2(failures.isEmpty(),
             qPrintable(QStringLiteral("%1 of %2 cases failed:\n").arg(failures.size()).arg(cases.size()) +
                        failures.mid(0, 40).join(QLatin1Char('\n'))));

    // Nothing changed: the same connectors, the same config, the same logger levels.
    const Outcome listedAfter = m_client->simple("GET", "/connectors");
    QCOMPARE(listedAfter.status, 200);
    QCOMPARE(QJsonDocument::fromJson(listedAfter.body), QJsonDocument::fromJson(listedBefore.body));
    QCOMPARE(QJsonDocument::fromJson(listedAfter.body).array(), QJsonArray{QString::fromUtf8(kSource)});
    const Outcome configAfter = m_client->simple("GET", "/connectors/" + kSource + "/config");
    QCOMPARE(QJsonDocument::fromJson(configAfter.body), QJsonDocument::fromJson(configBefore.body));
    const Outcome loggersAfter = m_client->simple("GET", "/admin/loggers");
    QCOMPARE(QJsonDocument::fromJson(loggersAfter.body), QJsonDocument::fromJson(loggersBefore.body));
    const Outcome status = m_client->simple("GET", "/connectors/" + kSource + "/status");
    const QJsonObject statusObject = QJsonDocument::fromJson(status.body).object();
    QCOMPARE(
        statusObject.value(QStringLiteral("connector")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("RUNNING"));
    QCOMPARE(statusObject.value(QStringLiteral("tasks"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("RUNNING"));

    // The source kept moving records through the run and still does.
    appendLines(10);
    const qint64 fileSize = QFileInfo(m_sourceFile).size();
    QTRY_VERIFY_WITH_TIMEOUT(sourcePosition() == fileSize, 30000);
    qInfo("source position %lld -> %lld bytes (%d lines written)", static_cast<long long>(positionBefore),
          static_cast<long long>(fileSize), m_linesWritten);
    QVERIFY(fileSize > positionBefore);

    // Known gap, not a crash or a hang: Qt HttpServer 6.4 neither answers nor closes a request its
    // parser rejects (conflicting Content-Length, Transfer-Encoding it cannot decode, a TLS hello
    // on the plain port, request lines without a version); only RestServer's idle sweep closes the
    // connection (rest_server.cpp sweepIdleSockets). Jetty answers these with 400 Bad Request.
    for (const QString& silent : silentOnBrokenHttp)
        qInfo("closed without answer: %s", qPrintable(silent));
    QEXPECT_FAIL("",
                 "Qt HttpServer 6.4 gives no 400 for requests its parser rejects (closed by the idle sweep)",
                 Continue);
    QCOMPARE(silentOnBrokenHttp.size(), 0);
}

// A create whose name ends in U+0085 (NEL): Apache trims with Java's String.trim (code points up
// to U+0020 only), keeps the NEL and refuses the name as an ISO control character (§4.4, 400).
void RestHostileTest::nameTrimmedLikeJava()
{
    const QJsonObject create{
        {QStringLiteral("name"), QStringLiteral("hostile-nel\u0085")},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("file"), m_sourceFile + QStringLiteral(".nel")},
                     {QStringLiteral("topic"), QStringLiteral("hostile-elsewhere")}}}};
    const Outcome created =
        m_client->simple("POST", "/connectors", QJsonDocument(create).toJson(QJsonDocument::Compact));
    QCOMPARE(created.kind, Outcome::Answered);
    const bool madeOne = created.status == 201;
    QCOMPARE(created.status, 400);
    if (madeOne)
        QCOMPARE(m_client->simple("DELETE", "/connectors/hostile-nel").status, 204);
    const Outcome listed = m_client->simple("GET", "/connectors");
    QCOMPARE(QJsonDocument::fromJson(listed.body).array(), QJsonArray{QString::fromUtf8(kSource)});
}

// Hostile requests pipelined on one connection: each pipeline opens with a request the herder
// answers later, followed by ones the router answers at once. Every request must get its answer,
// and HTTP/1.1 (RFC 9112 §9.3.2) requires the answers in the order of the requests.
void RestHostileTest::pipelinedAnswersInOrder()
{
    struct Piece {
        QByteArray request;
        int status;
    };
    std::mt19937 random(20261203);
    const auto deferred = [&random](int i) {
        const QByteArray name = "nope-" + QByteArray::number(i);
        const std::vector<Piece> pieces = {
            {httpRequest("GET", "/connectors/" + name + "/status"), 404},
            {httpRequest("GET", "/connectors/%2E%2E%2F" + name + "/config"), 404},
            {httpRequest("DELETE", "/connectors/" + name), 404},
            {httpRequest("PATCH", "/connectors/" + kSource + "/offsets",
                         R"({"offsets":[{"partition":{"filename":"f"},"offset":{"position":0}}]})"),
             400},
        };
        return pieces[random() % pieces.size()];
    };
    const std::vector<Piece> immediate = {
        {httpRequest("PUT", "/connectors"), 405},
        {httpRequest("POST", "/connectors", R"({"name":"x","config":)"), 500},
        {httpRequest("POST", "/connectors", R"({"name":"x"})", {}, "text/plain"), 415},
        {httpRequest("GET", "/connectors/x/y/z/w"), 404},
        {httpRequest("PUT", "/admin/loggers/root", R"({"level":["x"]})"), 500},
        {httpRequest("FOO", "/connector-plugins"), 405},
    };
    int pipelines = 0;
    int outOfOrder = 0;
    int answers = 0;
    for (int i = 0; i < 60; ++i) {
        std::vector<Piece> pieces{deferred(i)};
        const int more = 2 + static_cast<int>(random() % 3);
        for (int k = 0; k < more; ++k)
            pieces.push_back(random() % 3 == 0 ? deferred(100 + i * 10 + k)
                                               : immediate[random() % immediate.size()]);
        QByteArray bytes;
        std::vector<int> expected;
        for (const Piece& piece : pieces) {
            bytes += piece.request;
            expected.push_back(piece.status);
        }
        const std::vector<Outcome> outcomes =
            m_client->pipeline(bytes, pieces.size(), std::chrono::seconds(30));
        ++pipelines;
        QCOMPARE(outcomes.size(), pieces.size());
        std::vector<int> got;
        for (const Outcome& outcome : outcomes) {
            QCOMPARE(outcome.kind, Outcome::Answered);
            const QJsonObject error = QJsonDocument::fromJson(outcome.body).object();
            QCOMPARE(error.value(QStringLiteral("error_code")).toInt(), outcome.status);
            got.push_back(outcome.status);
        }
        answers += static_cast<int>(got.size());
        if (got != expected)
            ++outOfOrder;
        // Whatever the order, every request got exactly its own kind of answer.
        std::sort(got.begin(), got.end());
        std::vector<int> sortedExpected = expected;
        std::sort(sortedExpected.begin(), sortedExpected.end());
        QCOMPARE(got, sortedExpected);
    }
    qInfo("%d pipelines, %d answers, %d with the answers out of request order", pipelines, answers,
          outOfOrder);
    const Outcome listed = m_client->simple("GET", "/connectors");
    QCOMPARE(QJsonDocument::fromJson(listed.body).array(), QJsonArray{QString::fromUtf8(kSource)});
    // Bug in core/rest: a deferred (herder-backed) answer is written when the herder replies, even
    // after answers the router gave at once to requests pipelined behind it, so a pipelining client
    // pairs answers with the wrong requests (Qt HttpServer 6.4 does not serialise them). Whether it
    // shows depends on how fast the herder answers: seen in 0 to a few of 60 pipelines here, in every
    // pipeline against connectdesk-worker. Only an observed reordering can be marked as expected.
    if (outOfOrder > 0) {
        QEXPECT_FAIL("",
                     "core/rest writes pipelined answers out of request order when one waits for the herder",
                     Continue);
        QCOMPARE(outOfOrder, 0);
    }
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::RestHostileTest)
#include "tst_rest_hostile.moc"
