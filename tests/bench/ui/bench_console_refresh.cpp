// Benchmark: a recorded-shape `GET /connectors?expand=status&expand=info` answer for 1,000
// connectors × 10 tasks goes through the real RemoteClusterClient (served from loopback), the
// table model merge, the proxy and the first paint. Prints the time of each step and the longest
// GUI-thread stall measured by a 1 ms heartbeat. Goal: < 300 ms end to end, no stall > 50 ms.
//
//   QT_QPA_PLATFORM=offscreen ./bench_console_refresh [connectors] [tasks]
#include "client/remote_cluster_client.h"
#include "client/rest_entities.h"
#include "cluster_view.h"
#include "connector_table_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <ctime>

using namespace connectdesk;

namespace {

// The expand answer of spec §4.3 for `connectors` connectors with `tasks` tasks each; `generation`
// flips the state of every 20th connector so refreshes carry real changes.
QByteArray expandBody(int connectors, int tasks, int generation)
{
    QJsonObject root;
    for (int c = 0; c < connectors; ++c) {
        const QString name = QStringLiteral("connector-%1").arg(c, 4, 10, QLatin1Char('0'));
        const bool sink = c % 2 == 0;
        const bool flipped = c % 20 == generation % 20;
        QJsonArray taskStates;
        QJsonArray taskIds;
        for (int t = 0; t < tasks; ++t) {
            QJsonObject task{
                {QStringLiteral("id"), t},
                {QStringLiteral("state"),
                 flipped && t == 0 ? QStringLiteral("FAILED") : QStringLiteral("RUNNING")},
                {QStringLiteral("worker_id"), QStringLiteral("10.0.%1.%2:8083").arg(t % 4).arg(c % 250)}};
            if (flipped && t == 0)
                task.insert(
                    QStringLiteral("trace"),
                    QStringLiteral(
                        "org.apache.kafka.connect.errors.ConnectException: boom\n\tat "
                        "org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:236)\n\tat "
                        "java.base/java.lang.Thread.run(Thread.java:840)"));
            taskStates.append(task);
            taskIds.append(QJsonObject{{QStringLiteral("connector"), name}, {QStringLiteral("task"), t}});
        }
        const QString type = sink ? QStringLiteral("sink") : QStringLiteral("source");
        QJsonObject config{
            {QStringLiteral("connector.class"),
             sink ? QStringLiteral("org.apache.kafka.connect.file.FileStreamSinkConnector")
                  : QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceConnector")},
            {QStringLiteral("tasks.max"), QString::number(tasks)},
            {sink ? QStringLiteral("topics") : QStringLiteral("topic"), name + QStringLiteral("-topic")},
            {QStringLiteral("file"), QStringLiteral("/data/") + name + QStringLiteral(".txt")},
            {QStringLiteral("key.converter"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter")},
            {QStringLiteral("value.converter"),
             QStringLiteral("org.apache.kafka.connect.json.JsonConverter")},
            {QStringLiteral("errors.tolerance"), QStringLiteral("none")},
            {QStringLiteral("name"), name}};
        QJsonObject status{
            {QStringLiteral("name"), name},
            {QStringLiteral("connector"),
             QJsonObject{{QStringLiteral("state"), QStringLiteral("RUNNING")},
                         {QStringLiteral("worker_id"), QStringLiteral("10.0.0.%1:8083").arg(c % 250)}}},
            {QStringLiteral("tasks"), taskStates},
            {QStringLiteral("type"), type}};
        QJsonObject info{{QStringLiteral("name"), name},
                         {QStringLiteral("config"), config},
                         {QStringLiteral("tasks"), taskIds},
                         {QStringLiteral("type"), type}};
        root.insert(name, QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("info"), info}});
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// Serves the current body to every request from its own thread, so serving costs nothing on the
// GUI thread being measured.
class BodyServer : public QTcpServer {
public:
    std::atomic<int> generation{0};
    QList<QByteArray> bodies;

protected:
    void incomingConnection(qintptr handle) override
    {
        auto* socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            const QByteArray& body = bodies.at(generation.load() % bodies.size());
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n");
            socket->write(body);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

// Longest time between two heartbeats on the GUI thread, both in wall time (what a user would
// feel on this machine right now) and in the GUI thread's own CPU time (the work done without
// returning to the event loop, unaffected by other processes competing for the cores).
struct Heartbeat {
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longest = 0;
    double lastCpu = 0;
    double longestCpu = 0;
    static double threadCpuMs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    }
    void reset()
    {
        clock.restart();
        last = 0;
        longest = 0;
        lastCpu = threadCpuMs();
        longestCpu = 0;
    }
    void tick()
    {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
        const double cpu = threadCpuMs();
        longestCpu = std::max(longestCpu, cpu - lastCpu);
        lastCpu = cpu;
    }
};

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly)
               ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
               : QStringLiteral("unknown");
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const int connectors = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int tasks = argc > 2 ? std::atoi(argv[2]) : 10;

    QElapsedTimer timer;
    timer.start();
    BodyServer server;
    for (int g = 0; g < 4; ++g)
        server.bodies.append(expandBody(connectors, tasks, g));
    std::printf("generated %d connectors x %d tasks: %.1f MB per answer (%lld ms, not measured)\n",
                connectors, tasks, server.bodies.first().size() / 1e6,
                static_cast<long long>(timer.elapsed()));

    // Step figures in isolation first.
    timer.restart();
    QString error;
    const auto parsed = client::rest::parseExpandedConnectors(server.bodies.first(), &error);
    const qint64 parseMs = timer.elapsed();
    if (!parsed) {
        std::fprintf(stderr, "parse failed: %s\n", qPrintable(error));
        return 1;
    }
    {
        ui::ConnectorTableModel model;
        timer.restart();
        model.merge(*parsed);
        const qint64 firstMerge = timer.elapsed();
        const auto next = client::rest::parseExpandedConnectors(server.bodies.at(1), &error);
        timer.restart();
        const int changed = model.merge(*next);
        std::printf(
            "isolated: parse %lld ms | first merge %lld ms | refresh merge %lld ms (%d rows changed)\n",
            static_cast<long long>(parseMs), static_cast<long long>(firstMerge),
            static_cast<long long>(timer.elapsed()), changed);
    }

    QThread serverThread;
    server.moveToThread(&serverThread);
    serverThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        &server, [&] { listening = server.listen(QHostAddress::LocalHost, 0); },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        std::fprintf(stderr, "cannot listen on loopback\n");
        return 1;
    }
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
    client::RemoteClusterClient client(endpoint);

    ui::ClusterView view(nullptr, QStringLiteral("bench"), 3600, nullptr);
    view.setAutoRefresh(false, 3600);
    view.resize(1280, 800);
    view.show();
    app.processEvents();

    Heartbeat heartbeat;
    QTimer beat;
    beat.setInterval(1);
    QObject::connect(&beat, &QTimer::timeout, [&] { heartbeat.tick(); });
    beat.start();

    double cpuStall = 0;
    auto cycle = [&](const char* label, bool first) {
        bool done = false;
        const auto connection =
            QObject::connect(&view, &ui::ClusterView::refreshed, [&](bool) { done = true; });
        heartbeat.reset();
        QElapsedTimer total;
        total.start();
        if (first)
            view.setClient(&client); // refreshes at once
        else
            view.refresh();
        while (!done)
            app.processEvents(QEventLoop::WaitForMoreEvents);
        const qint64 dataMs = total.elapsed();
        view.repaint(); // the first paint after the data arrived
        const qint64 paintedMs = total.elapsed();
        // Let the heartbeat see the tail.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 20)
            app.processEvents();
        heartbeat.tick();
        QObject::disconnect(connection);
        std::printf(
            "%-22s request→model %4lld ms | +paint %4lld ms | longest GUI stall %3lld ms wall, %5.1f ms "
            "GUI-thread CPU | rows %d\n",
            label, static_cast<long long>(dataMs), static_cast<long long>(paintedMs),
            static_cast<long long>(heartbeat.longest), heartbeat.longestCpu, view.model()->rowCount());
        cpuStall = std::max(cpuStall, heartbeat.longestCpu);
        return std::pair<qint64, qint64>(paintedMs, heartbeat.longest);
    };

    qint64 worstTotal = 0;
    qint64 worstStall = 0;
    auto [firstTotal, firstStall] = cycle("first load", true);
    worstTotal = std::max(worstTotal, firstTotal);
    worstStall = std::max(worstStall, firstStall);
    view.selectConnector(QStringLiteral("connector-0500"));
    for (int g = 1; g <= 6; ++g) {
        server.generation = g;
        auto [t, s] = cycle(qPrintable(QStringLiteral("refresh %1 (5% changed)").arg(g)), false);
        worstTotal = std::max(worstTotal, t);
        worstStall = std::max(worstStall, s);
    }
    std::printf("selection after refreshes: %s\n", qPrintable(view.selectedConnector()));
    std::printf("worst: end to end %lld ms (goal < 300), GUI stall %lld ms wall / %.1f ms GUI-thread CPU "
                "(goal < 50)\n",
                static_cast<long long>(worstTotal), static_cast<long long>(worstStall), cpuStall);
    std::printf("load average while measuring: %s\n", qPrintable(loadAverage()));
    serverThread.quit();
    serverThread.wait();
    return 0;
}
