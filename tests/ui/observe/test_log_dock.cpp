// The log dock: lines logged through spdlog (default logger, a logger registered before the dock,
// and a runtime area logger cloned after it) arrive in the model from any thread; the proxy
// filters by level and text; at most maxLines are kept; follow scrolls to the newest line.
#include "observe/log_dock.h"
#include "runtime/logging.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <spdlog/spdlog.h>

#include <thread>

using connectdesk::ui::observe::LogDock;
using connectdesk::ui::observe::LogModel;

class TestLogDock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void receivesLinesFromEveryLogger();
    void filtersByLevelAndText();
    void keepsAtMostMaxLines();
    void followsTheNewestLine();

private:
    static QStringList messages(const QAbstractItemModel* model);
    std::unique_ptr<LogDock> m_dock;
    std::shared_ptr<spdlog::logger> m_early;
};

QStringList TestLogDock::messages(const QAbstractItemModel* model)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, LogModel::MessageColumn).data().toString();
    return out;
}

void TestLogDock::initTestCase()
{
    spdlog::set_level(spdlog::level::trace);
    // A logger that exists before the dock: apply_all must reach it.
    m_early = spdlog::default_logger()->clone("early");
    spdlog::register_logger(m_early);
    m_dock = std::make_unique<LogDock>();
    m_dock->resize(800, 300);
    m_dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
}

void TestLogDock::receivesLinesFromEveryLogger()
{
    spdlog::info("from the default logger {}", 1);
    m_early->warn("from a logger registered before the dock");
    // runtime::areaLogger clones the default logger's sinks: created after the dock, it has ours.
    connectdesk::runtime::areaLogger("test-area")->error("[conn|task-0] from an area logger");
    std::thread([] { spdlog::debug("from another thread"); }).join();
    LogModel* model = m_dock->model();
    QTRY_COMPARE(model->rowCount(), 4);
    QCOMPARE(messages(model), QStringList({QStringLiteral("from the default logger 1"),
                                           QStringLiteral("from a logger registered before the dock"),
                                           QStringLiteral("[conn|task-0] from an area logger"),
                                           QStringLiteral("from another thread")}));
    QCOMPARE(model->index(1, LogModel::LoggerColumn).data().toString(), QStringLiteral("early"));
    QCOMPARE(model->index(2, LogModel::LoggerColumn).data().toString(), QStringLiteral("test-area"));
    QCOMPARE(model->index(2, LogModel::LevelColumn).data().toString(), QStringLiteral("ERROR"));
    QCOMPARE(model->index(3, LogModel::LevelColumn).data().toString(), QStringLiteral("DEBUG"));
}

void TestLogDock::filtersByLevelAndText()
{
    auto* proxy = m_dock->proxy();
    QCOMPARE(proxy->rowCount(), 4);
    proxy->setMinimumLevel(spdlog::level::warn);
    QCOMPARE(messages(proxy), QStringList({QStringLiteral("from a logger registered before the dock"),
                                           QStringLiteral("[conn|task-0] from an area logger")}));
    proxy->setMinimumLevel(spdlog::level::trace);
    // The search box: case-insensitive over message and logger name.
    m_dock->findChild<QLineEdit*>(QStringLiteral("logSearch"))->setText(QStringLiteral("TASK-0"));
    QCOMPARE(messages(proxy), QStringList({QStringLiteral("[conn|task-0] from an area logger")}));
    m_dock->findChild<QLineEdit*>(QStringLiteral("logSearch"))->setText(QStringLiteral("early"));
    QCOMPARE(messages(proxy), QStringList({QStringLiteral("from a logger registered before the dock")}));
    m_dock->findChild<QLineEdit*>(QStringLiteral("logSearch"))->clear();
    QCOMPARE(proxy->rowCount(), 4);
}

void TestLogDock::keepsAtMostMaxLines()
{
    LogModel* model = m_dock->model();
    model->setMaxLines(100);
    QCOMPARE(model->rowCount(), 4);
    for (int i = 0; i < 250; ++i)
        spdlog::info("line {}", i);
    QTRY_COMPARE(model->index(model->rowCount() - 1, LogModel::MessageColumn).data().toString(),
                 QStringLiteral("line 249"));
    QCOMPARE(model->rowCount(), 100);
    QCOMPARE(model->index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("line 150"));
}

void TestLogDock::followsTheNewestLine()
{
    QScrollBar* bar = m_dock->view()->verticalScrollBar();
    QVERIFY(m_dock->follows());
    spdlog::info("newest");
    QTRY_COMPARE(
        m_dock->model()->index(m_dock->model()->rowCount() - 1, LogModel::MessageColumn).data().toString(),
        QStringLiteral("newest"));
    QVERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    m_dock->setFollow(false);
    bar->setValue(0);
    spdlog::info("not followed");
    QTRY_COMPARE(
        m_dock->model()->index(m_dock->model()->rowCount() - 1, LogModel::MessageColumn).data().toString(),
        QStringLiteral("not followed"));
    QCOMPARE(bar->value(), 0);
}

QTEST_MAIN(TestLogDock)
#include "test_log_dock.moc"
