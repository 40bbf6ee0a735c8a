// The connector tabs and docks of the ObservabilityController against the real Apache Kafka
// Connect and broker of the harness, the cluster profile pointing at the harness Kafka and the
// reference worker's internal topics: a FileStreamSource's Throughput tab charts its records/s
// (sampled through Kafka), its Peek tab decodes the JsonConverter envelopes it wrote (payload
// and schema apart), a failing FileStreamSink's History tab shows FAILED then RUNNING live after
// a restart, the internal topics dock lists the connector config and the source offsets, and
// closing the tabs stops their sampling. Without a Kafka bootstrap the tabs say how to set it.
#include "client/remote_cluster_client.h"
#include "cluster_store.h"
#include "harness_env.h"
#include "observe/cluster_observation.h"
#include "observe/internal_topics_dock.h"
#include "observe/observability_controller.h"
#include "observe/peek_widget.h"
#include "observe/status_timeline.h"
#include "observe/throughput_chart.h"
#include "observe/throughput_tab.h"
#include "ui_test_support.h"

#include <QDir>
#include <QFile>
#include <QMainWindow>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

using namespace connectdesk;
using namespace connectdesk::ui::observe;
using connectdesk::testing::saveShot;

namespace {
constexpr int kWaitMs = 90'000;
const QString kCluster = QStringLiteral("harness");

template <class W>
W* tabOf(const QList<QPair<QString, QWidget*>>& tabs, const QString& title)
{
    for (const auto& [t, w] : tabs)
        if (t == title)
            return qobject_cast<W*>(w);
    return nullptr;
}

bool columnContains(const QStandardItemModel* model, int column, const QString& text)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, column).data().toString().contains(text))
            return true;
    return false;
}
} // namespace

class TestConnectorTabs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sourceThroughputAndPeek();
    void sinkHistoryFailedThenRunning();
    void internalTopicsDock();
    void withoutKafkaTheTabsSayWhy();

private:
    QString create(const QString& name, const client::ConnectorConfig& config);
    void appendLines(int from, int count);
    std::unique_ptr<client::RemoteClusterClient> m_client;
    std::unique_ptr<QMainWindow> m_window;
    ObservabilityController* m_controller = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTemporaryDir m_dir;
    QString m_prefix;
    QString m_input;
};

void TestConnectorTabs::initTestCase()
{
    const QString url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    const QString bootstrap = testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    const QString group = testing::harnessValue(QStringLiteral("CONNECT_GROUP"));
    QVERIFY2(!url.isEmpty() && !bootstrap.isEmpty() && !group.isEmpty(),
             "CONNECT_URL / KAFKA_BOOTSTRAP / CONNECT_GROUP missing (fixtures kafka and connect_ref not "
             "running?)");
    QVERIFY(m_dir.isValid());
    m_prefix =
        QStringLiteral("cd-tabs-") + QUuid::createUuid().toString(QUuid::Id128).left(6) + QLatin1Char('-');
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(url);
    m_client = std::make_unique<client::RemoteClusterClient>(endpoint);

    m_window = std::make_unique<QMainWindow>();
    m_tabs = new QTabWidget(m_window.get());
    m_window->setCentralWidget(m_tabs);
    m_controller = new ObservabilityController(m_window.get(), false);
    ui::ClusterProfile profile;
    profile.name = QStringLiteral("Harness Connect");
    profile.url = url;
    profile.kafkaBootstrap = bootstrap;
    profile.statusTopic = group + QStringLiteral("-status");
    profile.configTopic = group + QStringLiteral("-configs");
    profile.offsetsTopic = group + QStringLiteral("-offsets");
    m_controller->setCluster(kCluster, profile.name, m_client.get(), &profile);
    m_controller->clusterShown(kCluster);
    QVERIFY(m_controller->cluster(kCluster)->hasKafka());
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_input = m_dir.filePath(QStringLiteral("source.txt"));
}

void TestConnectorTabs::cleanupTestCase()
{
    if (!m_client)
        return;
    for (const QString& suffix : {QStringLiteral("source"), QStringLiteral("sink")}) {
        bool done = false;
        m_client->deleteConnector(m_prefix + suffix, this, [&done](const auto&) { done = true; });
        (void)QTest::qWaitFor([&done] { return done; }, kWaitMs);
    }
}

QString TestConnectorTabs::create(const QString& name, const client::ConnectorConfig& config)
{
    std::optional<client::Result<client::ConnectorInfo>> r;
    m_client->createConnector(name, config, client::InitialState::Default, this,
                              [&r](const auto& x) { r = x; });
    if (!QTest::qWaitFor([&r] { return r.has_value(); }, kWaitMs))
        return QStringLiteral("no answer");
    return r->ok() ? QString() : r->error.sentence;
}

void TestConnectorTabs::appendLines(int from, int count)
{
    QFile f(m_input);
    QVERIFY(f.open(QIODevice::Append));
    for (int i = from; i < from + count; ++i)
        f.write("line " + QByteArray::number(i) + "\n");
}

void TestConnectorTabs::sourceThroughputAndPeek()
{
    const QString name = m_prefix + QStringLiteral("source");
    const QString topic = name + QStringLiteral("-t");
    appendLines(0, 50);
    QCOMPARE(create(name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                           {QStringLiteral("file"), m_input},
                           {QStringLiteral("topic"), topic}}),
             QString());

    const auto tabs = m_controller->connectorTabs(kCluster, name, QStringLiteral("source"), m_tabs);
    QCOMPARE(tabs.size(), 3);
    for (const auto& [title, widget] : tabs)
        m_tabs->addTab(widget, title);
    auto* throughput = tabOf<ThroughputTab>(tabs, QStringLiteral("Throughput"));
    auto* peek = tabOf<PeekWidget>(tabs, QStringLiteral("Peek"));
    QVERIFY(throughput && peek && tabOf<StatusTimelineWidget>(tabs, QStringLiteral("History")));
    QVERIFY(throughput->lagChart() == nullptr); // sources have no lag
    ClusterObservation* cluster = m_controller->cluster(kCluster);
    QCOMPARE(cluster->watchers(name), 1);
    QTRY_VERIFY_WITH_TIMEOUT(cluster->isSampling(), kWaitMs);

    // Records keep arriving: the chart gets a positive "out" rate (written to Kafka) and a total.
    int next = 50;
    QTimer writer;
    connect(&writer, &QTimer::timeout, this, [&] {
        appendLines(next, 20);
        next += 20;
    });
    writer.start(200);
    ThroughputChart* chart = throughput->chart();
    QTRY_VERIFY_WITH_TIMEOUT(chart->historySize(QStringLiteral("out")) >= 3 &&
                                 chart->lastValue(QStringLiteral("out")) > 0,
                             kWaitMs);
    QVERIFY(chart->total(QStringLiteral("out")) > 0);
    QVERIFY(chart->historySize(QStringLiteral("in")) == 0); // a remote source's "in" cannot be measured
    QVERIFY(chart->message().isEmpty());
    writer.stop();
    m_tabs->setCurrentWidget(throughput);
    saveShot(m_window.get(), QStringLiteral("observe-remote-source-throughput"));

    // Peek: the newest 5 records, JsonConverter envelopes of the reference worker: payload and
    // schema shown apart.
    QTRY_VERIFY_WITH_TIMEOUT(peek->topics().contains(topic), kWaitMs);
    peek->setTopic(topic);
    peek->setCount(5);
    QSignalSpy peeked(peek, &PeekWidget::peeked);
    peek->peek();
    QVERIFY(peek->isBusy());
    QVERIFY(peeked.wait(kWaitMs));
    QVERIFY2(peeked.first().at(0).toBool(), qPrintable(peek->statusText()));
    QCOMPARE(peek->records().size(), 5);
    QVERIFY2(peek->valueText().startsWith(QLatin1String("\"line ")), qPrintable(peek->valueText()));
    QVERIFY2(peek->schemaText().contains(QLatin1String("\"string\"")), qPrintable(peek->schemaText()));
    QVERIFY(!peek->valueText().contains(QLatin1String("payload")));
    m_tabs->setCurrentWidget(peek);
    saveShot(m_window.get(), QStringLiteral("observe-peek"));

    // Closing the tabs stops the sampling of this connector (and the sampler, the last watcher gone).
    for (const auto& [title, widget] : tabs)
        delete widget;
    QCOMPARE(cluster->watchers(name), 0);
    QVERIFY(!cluster->isSampling());
}

void TestConnectorTabs::sinkHistoryFailedThenRunning()
{
    const QString name = m_prefix + QStringLiteral("sink");
    const QString missingDir = m_dir.filePath(QStringLiteral("later"));
    QCOMPARE(create(name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                           {QStringLiteral("file"), missingDir + QStringLiteral("/out.txt")},
                           {QStringLiteral("topics"), name + QStringLiteral("-t")}}),
             QString());
    const auto tabs = m_controller->connectorTabs(kCluster, name, QStringLiteral("sink"), m_tabs);
    for (const auto& [title, widget] : tabs)
        m_tabs->addTab(widget, title);
    auto* history = tabOf<StatusTimelineWidget>(tabs, QStringLiteral("History"));
    QVERIFY(history && history->isFollowing());
    QVERIFY(tabOf<ThroughputTab>(tabs, QStringLiteral("Throughput"))->lagChart() != nullptr);
    const auto states = [history] {
        QStringList out;
        for (int r = 0; r < history->model()->rowCount(); ++r) {
            const auto& e = history->model()->eventAt(r);
            if (e.kind == connectdesk::observe::StatusRecordKind::Task)
                out << e.state;
        }
        return out;
    };
    QTRY_VERIFY_WITH_TIMEOUT(states().contains(QStringLiteral("FAILED")), kWaitMs);
    QVERIFY(QDir().mkpath(missingDir));
    std::optional<client::Result<client::Done>> restarted;
    m_client->restartTask(name, 0, this, [&restarted](const auto& r) { restarted = r; });
    QTRY_VERIFY_WITH_TIMEOUT(restarted.has_value(), kWaitMs);
    QVERIFY(restarted->ok());
    // Live: the RUNNING after the restart arrives without reopening the tab.
    QTRY_VERIFY_WITH_TIMEOUT(states().lastIndexOf(QStringLiteral("RUNNING")) >
                                 states().lastIndexOf(QStringLiteral("FAILED")),
                             kWaitMs);
    for (int r = 0; r < history->model()->rowCount(); ++r)
        QCOMPARE(history->model()->eventAt(r).connector, name);
    // The FAILED row carries the trace.
    const int failedRow = [&] {
        for (int r = 0; r < history->model()->rowCount(); ++r)
            if (history->model()->eventAt(r).state == QLatin1String("FAILED"))
                return r;
        return -1;
    }();
    history->view()->selectRow(failedRow);
    QVERIFY2(history->traceText().contains(QLatin1String("out.txt")), qPrintable(history->traceText()));
    m_tabs->setCurrentWidget(history);
    saveShot(m_window.get(), QStringLiteral("observe-history-failed-running"));
    for (const auto& [title, widget] : tabs)
        delete widget;
}

void TestConnectorTabs::internalTopicsDock()
{
    InternalTopicsDock* dock = m_controller->internalTopicsDock();
    QVERIFY(!dock->isReading()); // hidden: nothing read
    dock->show();
    QTRY_VERIFY_WITH_TIMEOUT(dock->isReading(), kWaitMs);
    const QString source = m_prefix + QStringLiteral("source");
    QTRY_VERIFY_WITH_TIMEOUT(columnContains(dock->configModel(), 2, source), kWaitMs);
    QVERIFY(columnContains(dock->configModel(), 1, QStringLiteral("connector config")));
    // The source committed its file position: {"filename": ...} -> {"position": ...}.
    QTRY_VERIFY_WITH_TIMEOUT(columnContains(dock->offsetsModel(), 1, source), kWaitMs);
    QVERIFY(columnContains(dock->offsetsModel(), 3, QStringLiteral("position")));
    saveShot(dock, QStringLiteral("observe-internal-topics"));
    dock->hide(); // closing the dock stops its readers
    QVERIFY(!dock->isReading());

    // Shown, then hidden and shown again before the GUI thread delivered what the first readers
    // read meanwhile: those batches go with their readers, so the models the new readers fill
    // start empty (no rows twice).
    dock->show();
    QVERIFY(dock->isReading());
    QThread::msleep(3000); // the readers catch up on both topics, their batches queued for this thread
    dock->hide();
    dock->show();
    QVERIFY(dock->isReading());
    QCoreApplication::processEvents(); // what was queued before the new readers could read anything
    QCOMPARE(dock->configModel()->rowCount(), 0);
    QCOMPARE(dock->offsetsModel()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(columnContains(dock->offsetsModel(), 1, source), kWaitMs);
    dock->hide();
}

void TestConnectorTabs::withoutKafkaTheTabsSayWhy()
{
    ui::ClusterProfile profile;
    profile.name = QStringLiteral("No Kafka");
    profile.url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    m_controller->setCluster(QStringLiteral("nokafka"), profile.name, m_client.get(), &profile);
    const auto tabs = m_controller->connectorTabs(
        QStringLiteral("nokafka"), m_prefix + QStringLiteral("source"), QStringLiteral("source"), m_tabs);
    auto* throughput = tabOf<ThroughputTab>(tabs, QStringLiteral("Throughput"));
    QVERIFY(throughput->message().contains(QLatin1String("Kafka bootstrap servers")));
    QVERIFY(!m_controller->cluster(QStringLiteral("nokafka"))->isSampling());
    QVERIFY(tabOf<PeekWidget>(tabs, QStringLiteral("Peek"))
                ->statusText()
                .contains(QLatin1String("not configured")));
    QVERIFY(!tabOf<StatusTimelineWidget>(tabs, QStringLiteral("History"))->isFollowing());
    for (const auto& [title, widget] : tabs)
        delete widget;
    QVERIFY(
        m_controller
            ->connectorTabs(QStringLiteral("unknown"), QStringLiteral("x"), QStringLiteral("sink"), m_tabs)
            .isEmpty());
}

QTEST_MAIN(TestConnectorTabs)
#include "test_connector_tabs.moc"
