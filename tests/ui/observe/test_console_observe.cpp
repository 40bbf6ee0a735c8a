// The console with observability wired in (MainWindow), on the harness: the embedded worker runs
// in-process on the harness broker and a remote cluster points at the reference Apache Connect
// with its Kafka configured. An embedded FileStreamSource's Throughput tab charts the worker's own
// metrics (through MainWindow's herder hand-over) and the log dock shows the worker's log lines;
// a failing remote FileStreamSink puts a FAILED badge on its cluster and its History tab shows the
// failure from the status topic. The embedded worker's connectors get a Peek tab reading the
// worker's Kafka and decoding with the worker's converters (or the connector's own), on the
// harness broker and on the sandbox; their History tab says why there is none.
#include "client/remote_cluster_client.h"
#include "cluster_view.h"
#include "connector_detail_widget.h"
#include "harness_env.h"
#include "main_window.h"
#include "observe/cluster_observation.h"
#include "observe/failure_notifier.h"
#include "observe/internal_topics_dock.h"
#include "observe/log_dock.h"
#include "observe/observability_controller.h"
#include "observe/peek_widget.h"
#include "observe/status_timeline.h"
#include "observe/throughput_chart.h"
#include "observe/throughput_tab.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace connectdesk;
using namespace connectdesk::ui;

namespace {
constexpr int kWaitMs = 90'000;

QStringList tabTitles(QTabWidget* tabs)
{
    QStringList out;
    for (int i = 0; i < tabs->count(); ++i)
        out << tabs->tabText(i);
    return out;
}
} // namespace

class TestConsoleObserve : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void embeddedThroughputAndLog();
    void embeddedPeek();
    void embeddedPeekOnTheSandbox();
    void remoteFailureBadgeAndHistory();

private:
    QString create(client::ClusterClient* c, const QString& name, const client::ConnectorConfig& config);
    QTemporaryDir m_dir;
    QString m_prefix;
    QString m_remoteId;
    std::unique_ptr<client::RemoteClusterClient> m_reference;
    std::unique_ptr<client::RemoteClusterClient> m_embedded;
    std::unique_ptr<MainWindow> m_window;
};

QString TestConsoleObserve::create(client::ClusterClient* c, const QString& name,
                                   const client::ConnectorConfig& config)
{
    std::optional<client::Result<client::ConnectorInfo>> r;
    c->createConnector(name, config, client::InitialState::Default, this, [&r](const auto& x) { r = x; });
    if (!QTest::qWaitFor([&r] { return r.has_value(); }, kWaitMs))
        return QStringLiteral("no answer");
    return r->ok() ? QString() : r->error.sentence;
}

void TestConsoleObserve::initTestCase()
{
    const QString url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    const QString bootstrap = testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    const QString group = testing::harnessValue(QStringLiteral("CONNECT_GROUP"));
    QVERIFY2(!url.isEmpty() && !bootstrap.isEmpty() && !group.isEmpty(), "harness env incomplete");
    QVERIFY(m_dir.isValid());
    m_prefix =
        QStringLiteral("cd-obs-") + QUuid::createUuid().toString(QUuid::Id128).left(6) + QLatin1Char('-');
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(url);
    m_reference = std::make_unique<client::RemoteClusterClient>(endpoint);

    MainWindowOptions options;
    options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    options.startEmbedded = true;
    options.embeddedProperties = runtime::ConfigMap{
        {"bootstrap.servers", bootstrap.toStdString()},
        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
        {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("embedded.offsets")).toStdString()},
        {"listeners", "http://127.0.0.1:0"}};
    m_window = std::make_unique<MainWindow>(options);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    ClusterProfile profile;
    profile.name = QStringLiteral("Reference Apache Connect");
    profile.url = url;
    profile.refreshSeconds = 1;
    profile.kafkaBootstrap = bootstrap;
    profile.statusTopic = group + QStringLiteral("-status");
    profile.configTopic = group + QStringLiteral("-configs");
    profile.offsetsTopic = group + QStringLiteral("-offsets");
    m_remoteId = m_window->addCluster(profile, QString());
}

void TestConsoleObserve::cleanupTestCase()
{
    for (auto* c : {m_reference.get(), m_embedded.get()}) {
        if (!c)
            continue;
        for (const QString& suffix : {QStringLiteral("src"), QStringLiteral("sink"), QStringLiteral("peek"),
                                      QStringLiteral("peek-json")}) {
            bool done = false;
            c->deleteConnector(m_prefix + suffix, this, [&done](const auto&) { done = true; });
            (void)QTest::qWaitFor([&done] { return done; }, kWaitMs);
        }
    }
    m_window.reset();
}

void TestConsoleObserve::embeddedThroughputAndLog()
{
    EmbeddedWorkerController* controller = m_window->embeddedController();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), EmbeddedWorkerController::State::Running, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->embeddedHerder() != nullptr, kWaitMs);
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = controller->url();
    m_embedded = std::make_unique<client::RemoteClusterClient>(endpoint);

    const QString name = m_prefix + QStringLiteral("src");
    const QString input = m_dir.filePath(QStringLiteral("embedded-in.txt"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(create(m_embedded.get(), name,
                    {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("file"), input},
                     {QStringLiteral("topic"), name + QStringLiteral("-t")}}),
             QString());
    int n = 0;
    QTimer writer;
    connect(&writer, &QTimer::timeout, this, [&] {
        for (int i = 0; i < 10; ++i)
            file.write("embedded line " + QByteArray::number(n++) + "\n");
        file.flush();
    });
    writer.start(100);

    m_window->selectCluster(MainWindow::embeddedId());
    ClusterView* view = m_window->currentView();
    QTRY_VERIFY_WITH_TIMEOUT(view->selectConnector(name), kWaitMs);
    QTabWidget* tabs = view->detail()->tabs();
    QVERIFY2(tabTitles(tabs).contains(QStringLiteral("Throughput")), qPrintable(tabTitles(tabs).join(u',')));
    QVERIFY(tabTitles(tabs).contains(QStringLiteral("History")));
    QVERIFY(tabTitles(tabs).contains(QStringLiteral("Peek")));
    auto* throughput = view->detail()->findChild<connectdesk::ui::observe::ThroughputTab*>();
    QVERIFY(throughput);
    tabs->setCurrentWidget(throughput);
    // The worker's own metrics reach the chart: ~100 records/s written to Kafka.
    QTRY_VERIFY_WITH_TIMEOUT(throughput->chart()->historySize(QStringLiteral("out")) >= 3 &&
                                 throughput->chart()->lastValue(QStringLiteral("out")) > 50,
                             kWaitMs);
    QVERIFY(throughput->chart()->total(QStringLiteral("out")) > 0);
    writer.stop();
    QDir().mkpath(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR));
    QVERIFY(m_window->grab().save(
        QStringLiteral(CONNECTDESK_SCREENSHOT_DIR "/observe-console-embedded-throughput.png")));

    // The worker's log lines (its area loggers) are in the log dock.
    connectdesk::ui::observe::LogModel* log = m_window->observability()->logDock()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < log->rowCount(); ++r)
                if (log->line(r).message.contains(name))
                    return true;
            return false;
        }(),
        kWaitMs);
}

namespace {
using connectdesk::ui::observe::PeekWidget;

// Selects `connector` on the shown cluster and peeks its topic's newest `count` records, again
// (as a user clicks Peek again) until `expected` of them are there: the topic can exist, created
// by the producer's first metadata request, before the task's first records land in it.
PeekWidget* peekConnector(MainWindow& window, const QString& connector, const QString& topic, int count,
                          int expected)
{
    // Each step's time goes to the log when the peek does not come back whole, for a slow CI run.
    QElapsedTimer step;
    step.start();
    ClusterView* view = window.currentView();
    if (!view || !QTest::qWaitFor([&] { return view->selectConnector(connector); }, kWaitMs))
        return nullptr;
    const qint64 selectedMs = step.restart();
    auto* peek = view->detail()->findChild<PeekWidget*>(QStringLiteral("peekTab"));
    if (!peek)
        return nullptr;
    view->detail()->tabs()->setCurrentWidget(peek);
    if (!QTest::qWaitFor([&] { return peek->topics().contains(topic); }, kWaitMs))
        return nullptr;
    const qint64 topicsMs = step.restart();
    peek->setTopic(topic);
    peek->setCount(count);
    int attempts = 0;
    while (true) {
        QSignalSpy peeked(peek, &PeekWidget::peeked);
        peek->peek();
        ++attempts;
        const bool answered = peeked.wait(kWaitMs);
        if (answered && peek->records().size() >= expected)
            return peek;
        if (!answered || step.elapsed() > kWaitMs) {
            qWarning("peek of %s: %lld record(s) of %d after %d attempt(s) (select %lld ms, topics %lld ms, "
                     "peeks %lld ms): %s",
                     qPrintable(topic), static_cast<long long>(peek->records().size()), expected, attempts,
                     static_cast<long long>(selectedMs), static_cast<long long>(topicsMs),
                     static_cast<long long>(step.elapsed()), qPrintable(peek->statusText()));
            return nullptr; // the caller fails at once instead of waiting for records again
        }
        QTest::qWait(200);
    }
}

// Lines that look like JsonConverter envelopes: a worker's StringConverter writes them as they
// are, and only a peek that decodes with that StringConverter shows them unchanged (guessing
// from the bytes would show the payload and the schema apart).
QByteArray envelopeLine(int n)
{
    return R"({"schema":{"type":"string","optional":false},"payload":"line )" + QByteArray::number(n) +
           "\"}\n";
}
} // namespace

void TestConsoleObserve::embeddedPeek()
{
    EmbeddedWorkerController* controller = m_window->embeddedController();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), EmbeddedWorkerController::State::Running, kWaitMs);
    QCOMPARE(controller->bootstrapServers(), testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP")));
    if (!m_embedded) {
        client::RemoteEndpoint endpoint;
        endpoint.baseUrl = controller->url();
        m_embedded = std::make_unique<client::RemoteClusterClient>(endpoint);
    }
    // One connector with the worker's converters (StringConverter), one with its own JsonConverter.
    const QString name = m_prefix + QStringLiteral("peek");
    const QString jsonName = m_prefix + QStringLiteral("peek-json");
    QFile file(m_dir.filePath(QStringLiteral("peek-in.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int n = 0; n < 5; ++n)
        file.write(envelopeLine(n));
    file.close();
    QFile plain(m_dir.filePath(QStringLiteral("peek-json-in.txt")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("first plain line\nsecond plain line\n");
    plain.close();
    QCOMPARE(create(m_embedded.get(), name,
                    {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("file"), file.fileName()},
                     {QStringLiteral("topic"), name + QStringLiteral("-t")}}),
             QString());
    QCOMPARE(create(m_embedded.get(), jsonName,
                    {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("file"), plain.fileName()},
                     {QStringLiteral("topic"), jsonName + QStringLiteral("-t")},
                     {QStringLiteral("value.converter"),
                      QStringLiteral("org.apache.kafka.connect.json.JsonConverter")},
                     {QStringLiteral("value.converter.schemas.enable"), QStringLiteral("true")}}),
             QString());

    m_window->selectCluster(MainWindow::embeddedId());
    PeekWidget* peek = peekConnector(*m_window, name, name + QStringLiteral("-t"), 3, 3);
    QVERIFY(peek);
    // The last three lines, exactly as the worker's StringConverter wrote them. The peek came back
    // once three records were in the topic; the source may not have sent all five by then.
    QTRY_COMPARE_WITH_TIMEOUT(peek->records().size(), 3, kWaitMs);
    const QString newest = QString::fromUtf8(envelopeLine(4)).trimmed();
    for (int i = 0; i < 50 && peek->valueText() != newest; ++i) {
        QTest::qWait(200);
        QSignalSpy peeked(peek, &PeekWidget::peeked);
        peek->peek();
        QVERIFY(peeked.wait(kWaitMs));
    }
    QCOMPARE(peek->valueText(), newest);
    QVERIFY2(peek->schemaText().isEmpty(), qPrintable(peek->schemaText()));
    QCOMPARE(peek->records().constFirst().valueText, QString::fromUtf8(envelopeLine(2)).trimmed());

    // History: none for a standalone worker, and the tab says why.
    ClusterView* view = m_window->currentView();
    auto* history = view->detail()->findChild<connectdesk::ui::observe::StatusTimelineWidget*>(
        QStringLiteral("historyTab"));
    QVERIFY(history);
    QVERIFY2(history->statusText().contains(QLatin1String("standalone")), qPrintable(history->statusText()));
    QVERIFY(!history->isFollowing());
    QVERIFY(m_window->grab().save(
        QStringLiteral(CONNECTDESK_SCREENSHOT_DIR "/observe-console-embedded-peek.png")));

    // The connector's own JsonConverter wins over the worker's: payload, with the schema apart.
    PeekWidget* jsonPeek = peekConnector(*m_window, jsonName, jsonName + QStringLiteral("-t"), 2, 2);
    QVERIFY(jsonPeek);
    QTRY_COMPARE_WITH_TIMEOUT(jsonPeek->records().size(), 2, kWaitMs);
    QCOMPARE(jsonPeek->valueText(), QStringLiteral("\"second plain line\""));
    QVERIFY2(jsonPeek->schemaText().contains(QLatin1String("\"string\"")),
             qPrintable(jsonPeek->schemaText()));

    // The internal topics dock does not look for topics a standalone worker never writes.
    m_window->observability()->internalTopicsDock()->show();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->observability()->internalTopicsDock()->statusText().contains(QLatin1String("files")),
        kWaitMs);
    m_window->observability()->internalTopicsDock()->hide();
}

void TestConsoleObserve::embeddedPeekOnTheSandbox()
{
    // The console's default embedded worker: the in-process sandbox, whose address the worker
    // resolves at start; the Peek tab reads it like any broker.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindowOptions options;
    options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    options.startEmbedded = true;
    options.embeddedProperties = runtime::ConfigMap{
        {"bootstrap.servers", "sandbox"},
        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
        {"offset.storage.file.filename", dir.filePath(QStringLiteral("sandbox.offsets")).toStdString()},
        {"listeners", "http://127.0.0.1:0"}};
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EmbeddedWorkerController* controller = window.embeddedController();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), EmbeddedWorkerController::State::Running, kWaitMs);
    QVERIFY2(controller->bootstrapServers().startsWith(QLatin1String("127.0.0.1:")),
             qPrintable(controller->bootstrapServers()));
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = controller->url();
    client::RemoteClusterClient sandboxClient(endpoint);
    QFile file(dir.filePath(QStringLiteral("in.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int n = 0; n < 4; ++n)
        file.write(envelopeLine(n));
    file.close();
    QCOMPARE(create(&sandboxClient, QStringLiteral("sandbox-src"),
                    {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                     {QStringLiteral("file"), file.fileName()},
                     {QStringLiteral("topic"), QStringLiteral("sandbox-t")}}),
             QString());
    window.selectCluster(MainWindow::embeddedId());
    PeekWidget* peek =
        peekConnector(window, QStringLiteral("sandbox-src"), QStringLiteral("sandbox-t"), 10, 4);
    QVERIFY(peek);
    QTRY_COMPARE_WITH_TIMEOUT(peek->records().size(), 4, kWaitMs);
    // The sandbox creates the topic with 4 partitions: the lines come back in some order, each
    // exactly as the worker's StringConverter wrote it.
    QStringList values;
    QStringList expected;
    for (int n = 0; n < 4; ++n) {
        values << peek->records().at(n).valueText;
        expected << QString::fromUtf8(envelopeLine(n)).trimmed();
    }
    values.sort();
    QCOMPARE(values, expected);
    QVERIFY(expected.contains(peek->valueText()));
    QVERIFY(peek->schemaText().isEmpty());
}

void TestConsoleObserve::remoteFailureBadgeAndHistory()
{
    const QString name = m_prefix + QStringLiteral("sink");
    QCOMPARE(create(m_reference.get(), name,
                    {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                     {QStringLiteral("file"), m_dir.filePath(QStringLiteral("missing/out.txt"))},
                     {QStringLiteral("topics"), name + QStringLiteral("-t")}}),
             QString());
    m_window->selectCluster(m_remoteId);
    ClusterView* view = m_window->currentView();
    QVERIFY(view);
    // The badge: the cluster's row in the list gets the FAILED icon and says so in its tooltip.
    QModelIndex row;
    for (int r = 0; r < m_window->clusterList()->model()->rowCount(); ++r)
        if (m_window->clusterList()->model()->index(r, 0).data().toString() ==
            QLatin1String("Reference Apache Connect"))
            row = m_window->clusterList()->model()->index(r, 0);
    QVERIFY(row.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(row.data(Qt::ToolTipRole).toString().contains(QLatin1String("FAILED")), kWaitMs);
    QVERIFY(!row.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(m_window->observability()->notifier()->failedCount(m_remoteId) >= 1);

    QTRY_VERIFY_WITH_TIMEOUT(view->selectConnector(name), kWaitMs);
    auto* history = view->detail()->findChild<connectdesk::ui::observe::StatusTimelineWidget*>(
        QStringLiteral("historyTab"));
    QVERIFY(history);
    view->detail()->tabs()->setCurrentWidget(history);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < history->model()->rowCount(); ++r)
                if (history->model()->eventAt(r).state == QLatin1String("FAILED") &&
                    history->model()->eventAt(r).connector == name)
                    return true;
            return false;
        }(),
        kWaitMs);
    QVERIFY(m_window->grab().save(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR "/observe-console-history.png")));
}

QTEST_MAIN(TestConsoleObserve)
#include "test_console_observe.moc"
