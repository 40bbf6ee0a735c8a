// The status timeline: StatusEvents (as decoded from the status topic) become rows in time order,
// one per connector or task state change, with worker and trace; a failed task shows FAILED then
// RUNNING after its restart; topic-tracking records are left out; the connector filter of a
// connector's History tab; the trace of the selected change can be copied. Screenshot saved.
#include "observe/status_timeline.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using connectdesk::observe::StatusEvent;
using connectdesk::observe::StatusRecordKind;
using connectdesk::ui::observe::StatusTimelineModel;
using connectdesk::ui::observe::StatusTimelineWidget;

namespace {

constexpr qint64 kT0 = 1'764'000'000'000;
const QString kTrace = QStringLiteral(
    "org.apache.kafka.connect.errors.ConnectException: java.nio.file.NoSuchFileException: /data/out.txt\n"
    "\tat org.apache.kafka.connect.file.FileStreamSinkTask.start(FileStreamSinkTask.java:71)\n"
    "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:329)");

StatusEvent change(StatusRecordKind kind, const QString& connector, int task, const QString& state, qint64 at,
                   const QString& worker, std::optional<QString> trace = std::nullopt, qint64 offset = 0)
{
    StatusEvent e;
    e.kind = kind;
    e.connector = connector;
    e.task = task;
    e.state = state;
    e.timestampMs = at;
    e.workerId = worker;
    e.trace = std::move(trace);
    e.generation = 3;
    e.partition = 0;
    e.offset = offset;
    return e;
}

QStringList column(const QAbstractItemModel& m, int col)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, col).data().toString();
    return out;
}

} // namespace

class TestStatusTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void failedThenRunning();
    void orderedByTimeAcrossBatches();
    void connectorFilter();
    void traceIsSelectableAndCopyable();
};

void TestStatusTimeline::failedThenRunning()
{
    StatusTimelineModel model;
    model.addEvents({
        change(StatusRecordKind::Connector, QStringLiteral("sink"), -1, QStringLiteral("RUNNING"), kT0,
               QStringLiteral("10.0.0.1:8083")),
        change(StatusRecordKind::Task, QStringLiteral("sink"), 0, QStringLiteral("FAILED"), kT0 + 1500,
               QStringLiteral("10.0.0.1:8083"), kTrace),
        // Topic tracking is not a state change.
        [] {
            StatusEvent t =
                change(StatusRecordKind::Topic, QStringLiteral("sink"), -1, QString(), kT0 + 1600, QString());
            t.topic = QStringLiteral("orders");
            return t;
        }(),
        change(StatusRecordKind::Task, QStringLiteral("sink"), 0, QStringLiteral("RUNNING"), kT0 + 90'000,
               QStringLiteral("10.0.0.2:8083")),
    });
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(column(model, StatusTimelineModel::StateColumn),
             QStringList({QStringLiteral("RUNNING"), QStringLiteral("FAILED"), QStringLiteral("RUNNING")}));
    QCOMPARE(column(model, StatusTimelineModel::TaskColumn),
             QStringList({QStringLiteral("connector"), QStringLiteral("0"), QStringLiteral("0")}));
    QCOMPARE(column(model, StatusTimelineModel::WorkerColumn),
             QStringList({QStringLiteral("10.0.0.1:8083"), QStringLiteral("10.0.0.1:8083"),
                          QStringLiteral("10.0.0.2:8083")}));
    QCOMPARE(model.index(1, StatusTimelineModel::TimeColumn).data().toString(),
             QDateTime::fromMSecsSinceEpoch(kT0 + 1500).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    QCOMPARE(model.index(1, 0).data(StatusTimelineModel::TraceRole).toString(), kTrace);
    QVERIFY(model.index(2, 0).data(StatusTimelineModel::TraceRole).toString().isEmpty());

    // A deleted connector (tombstone) and an undecodable record are shown as such.
    StatusEvent gone =
        change(StatusRecordKind::Connector, QStringLiteral("sink"), -1, QString(), kT0 + 100'000, QString());
    gone.deleted = true;
    StatusEvent bad;
    bad.kind = StatusRecordKind::Undecodable;
    bad.timestampMs = kT0 + 100'001;
    bad.error = QStringLiteral("unknown key prefix");
    bad.rawKey = QStringLiteral("weird");
    model.addEvents({gone, bad});
    QCOMPARE(model.index(3, StatusTimelineModel::StateColumn).data().toString(), QStringLiteral("deleted"));
    QCOMPARE(model.index(4, StatusTimelineModel::StateColumn).data().toString(),
             QStringLiteral("undecodable"));
    QVERIFY(model.index(4, 0)
                .data(StatusTimelineModel::TraceRole)
                .toString()
                .contains(QLatin1String("unknown key prefix")));
}

void TestStatusTimeline::orderedByTimeAcrossBatches()
{
    // The status topic has several partitions: batches interleave in time.
    StatusTimelineModel model;
    model.addEvents({change(StatusRecordKind::Task, QStringLiteral("a"), 0, QStringLiteral("RUNNING"),
                            kT0 + 10, QStringLiteral("w"))});
    model.addEvents({change(StatusRecordKind::Task, QStringLiteral("a"), 1, QStringLiteral("UNASSIGNED"),
                            kT0 + 5, QStringLiteral("w")),
                     change(StatusRecordKind::Task, QStringLiteral("a"), 1, QStringLiteral("RUNNING"),
                            kT0 + 20, QStringLiteral("w"))});
    QCOMPARE(
        column(model, StatusTimelineModel::StateColumn),
        QStringList({QStringLiteral("UNASSIGNED"), QStringLiteral("RUNNING"), QStringLiteral("RUNNING")}));
    QCOMPARE(column(model, StatusTimelineModel::TaskColumn),
             QStringList({QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("1")}));
    // At most maxRows: the oldest go.
    model.setMaxRows(2);
    model.addEvents({change(StatusRecordKind::Task, QStringLiteral("a"), 0, QStringLiteral("PAUSED"),
                            kT0 + 30, QStringLiteral("w"))});
    QCOMPARE(column(model, StatusTimelineModel::StateColumn),
             QStringList({QStringLiteral("RUNNING"), QStringLiteral("PAUSED")}));
}

void TestStatusTimeline::connectorFilter()
{
    StatusTimelineModel model;
    model.setConnectorFilter(QStringLiteral("mine"));
    model.addEvents({change(StatusRecordKind::Task, QStringLiteral("other"), 0, QStringLiteral("FAILED"), kT0,
                            QStringLiteral("w")),
                     change(StatusRecordKind::Task, QStringLiteral("mine"), 0, QStringLiteral("FAILED"),
                            kT0 + 1, QStringLiteral("w"), kTrace),
                     change(StatusRecordKind::Task, QStringLiteral("mine"), 0, QStringLiteral("RUNNING"),
                            kT0 + 2, QStringLiteral("w"))});
    QCOMPARE(column(model, StatusTimelineModel::ConnectorColumn),
             QStringList({QStringLiteral("mine"), QStringLiteral("mine")}));
    model.setConnectorFilter(QString());
    QCOMPARE(model.rowCount(), 3);
}

void TestStatusTimeline::traceIsSelectableAndCopyable()
{
    StatusTimelineWidget widget;
    widget.resize(1000, 480);
    widget.setMessage(QStringLiteral("Following connect-status live."));
    widget.model()->addEvents({
        change(StatusRecordKind::Connector, QStringLiteral("orders-sink"), -1, QStringLiteral("RUNNING"), kT0,
               QStringLiteral("10.0.0.1:8083")),
        change(StatusRecordKind::Task, QStringLiteral("orders-sink"), 0, QStringLiteral("RUNNING"), kT0 + 800,
               QStringLiteral("10.0.0.1:8083")),
        change(StatusRecordKind::Task, QStringLiteral("orders-sink"), 0, QStringLiteral("FAILED"),
               kT0 + 61'000, QStringLiteral("10.0.0.1:8083"), kTrace),
        change(StatusRecordKind::Task, QStringLiteral("orders-sink"), 0, QStringLiteral("RESTARTING"),
               kT0 + 95'000, QStringLiteral("10.0.0.1:8083")),
        change(StatusRecordKind::Task, QStringLiteral("orders-sink"), 0, QStringLiteral("RUNNING"),
               kT0 + 95'400, QStringLiteral("10.0.0.2:8083")),
    });
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    auto* copy = widget.findChild<QPushButton*>(QStringLiteral("copyTimelineTrace"));
    QVERIFY(!copy->isEnabled());
    widget.view()->selectRow(2);
    QCOMPARE(widget.traceText(), kTrace);
    QVERIFY(copy->isEnabled());
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), kTrace);
    QDir().mkpath(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR));
    QVERIFY(widget.grab().save(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR "/observe-status-timeline.png")));
    widget.view()->selectRow(4);
    QVERIFY(widget.traceText().isEmpty());
    QVERIFY(!copy->isEnabled());
}

QTEST_MAIN(TestStatusTimeline)
#include "test_status_timeline.moc"
