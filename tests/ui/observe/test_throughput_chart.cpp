// ThroughputChart: the ring buffer keeps one hour (3600 points) per series and QtCharts gets only
// the visible span; pause and zoom freeze the visible range while points keep arriving; totals
// are listed beside the chart. A connector with 100 tasks draws at most kMaxDrawn lines, the rest
// summed into "other" lines; spans wider than the plot go to QtCharts as per-column extremes.
// A screenshot of a filled chart goes to the build dir.
#include "observe/throughput_chart.h"
#include "observe/throughput_tab.h"
#include "ui_test_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDir>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using connectdesk::ui::observe::ThroughputChart;

using connectdesk::testing::saveShot;

namespace {
constexpr qint64 kStart = 1'700'000'000'000; // a fixed epoch ms, so ranges are exact

// n seconds of a wavy rate, one flush per second as the live feed does.
void feed(ThroughputChart& chart, const QString& series, int from, int n, double base = 100)
{
    for (int i = from; i < from + n; ++i) {
        chart.appendPoint(series, kStart + i * 1000LL, base + 20 * std::sin(i / 30.0));
        chart.flush();
    }
}
} // namespace

class TestThroughputChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsOneHourAtMost();
    void onlyTheVisibleSpanGoesToQtCharts();
    void pauseFreezesTheVisibleRange();
    void zoomFreezesUntilReset();
    void totalsBesideTheChart();
    void nanIsNotAPoint();
    void manyTasksDrawAtMostTheCap();
    void pinnedTaskIsDrawnAndLeavesOther();
    void wideSpanKeepsPeaksPerColumn();
    void screenshot();
};

void TestThroughputChart::keepsOneHourAtMost()
{
    ThroughputChart chart;
    chart.setVisibleSeconds(3600);
    feed(chart, QStringLiteral("out"), 0, 4000);
    QCOMPARE(chart.historySize(QStringLiteral("out")), 3600);
    QCOMPARE(chart.shownPointCount(QStringLiteral("out")), 3600);
    const QList<QPointF> points = qobject_cast<QLineSeries*>(chart.chart()->series().constFirst())->points();
    // The oldest 400 went: the first kept point is second 400, the last is second 3999.
    QCOMPARE(points.constFirst().x(), static_cast<double>(kStart + 400 * 1000LL));
    QCOMPARE(points.constLast().x(), static_cast<double>(kStart + 3999 * 1000LL));
    for (qsizetype i = 1; i < points.size(); ++i)
        QVERIFY(points[i].x() > points[i - 1].x());
}

void TestThroughputChart::onlyTheVisibleSpanGoesToQtCharts()
{
    ThroughputChart chart;
    chart.setVisibleSeconds(60);
    feed(chart, QStringLiteral("in"), 0, 600);
    QCOMPARE(chart.historySize(QStringLiteral("in")), 600);
    // [newest - 60 s, newest] holds 61 points at 1 Hz.
    QCOMPARE(chart.shownPointCount(QStringLiteral("in")), 61);
    QCOMPARE(chart.visibleRangeX(), QPointF(kStart + 539'000, kStart + 599'000));
    // Widening the span shows the older points again, from the ring buffer.
    chart.setVisibleSeconds(900);
    QCOMPARE(chart.shownPointCount(QStringLiteral("in")), 600);
    QCOMPARE(chart.visibleRangeX(), QPointF(kStart + 599'000 - 900'000, kStart + 599'000));
}

void TestThroughputChart::pauseFreezesTheVisibleRange()
{
    ThroughputChart chart;
    chart.setVisibleSeconds(60);
    feed(chart, QStringLiteral("out"), 0, 100);
    const QPointF range = chart.visibleRangeX();
    const int shown = chart.shownPointCount(QStringLiteral("out"));
    chart.findChild<QPushButton*>(QStringLiteral("pauseButton"))->click();
    QVERIFY(chart.isPaused());
    feed(chart, QStringLiteral("out"), 100, 30);
    QCOMPARE(chart.visibleRangeX(), range);
    QCOMPARE(chart.shownPointCount(QStringLiteral("out")), shown);
    // Data kept arriving meanwhile.
    QCOMPARE(chart.historySize(QStringLiteral("out")), 130);
    QCOMPARE(chart.lastValue(QStringLiteral("out")), 100 + 20 * std::sin(129 / 30.0));

    chart.findChild<QPushButton*>(QStringLiteral("pauseButton"))->click();
    QVERIFY(!chart.isPaused());
    QCOMPARE(chart.visibleRangeX(), QPointF(kStart + 69'000, kStart + 129'000));
    QCOMPARE(chart.shownPointCount(QStringLiteral("out")), 61);

    // Paused for longer than the ring holds: resuming shows the newest hour, nothing more.
    chart.setPaused(true);
    feed(chart, QStringLiteral("out"), 130, 4000);
    QCOMPARE(chart.visibleRangeX(), QPointF(kStart + 69'000, kStart + 129'000));
    chart.setPaused(false);
    QCOMPARE(chart.historySize(QStringLiteral("out")), 3600);
    QCOMPARE(chart.shownPointCount(QStringLiteral("out")), 61);
    QCOMPARE(chart.visibleRangeX(), QPointF(kStart + 4069'000, kStart + 4129'000));
}

void TestThroughputChart::zoomFreezesUntilReset()
{
    ThroughputChart chart;
    chart.resize(900, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setVisibleSeconds(300);
    feed(chart, QStringLiteral("out"), 0, 300);
    const QPointF before = chart.visibleRangeX();
    QWidget* viewport = chart.chartView()->viewport();
    const QRectF plot = chart.chart()->plotArea();
    const QPoint from(static_cast<int>(plot.left() + plot.width() * 0.25),
                      static_cast<int>(plot.center().y()));
    const QPoint to(static_cast<int>(plot.left() + plot.width() * 0.5), static_cast<int>(plot.center().y()));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    QVERIFY(chart.isZoomed());
    const QPointF zoomed = chart.visibleRangeX();
    QVERIFY(zoomed.x() > before.x() && zoomed.y() < before.y());
    // About the second quarter of the 300 s span.
    QVERIFY2(std::abs((zoomed.y() - zoomed.x()) - 75'000) < 10'000,
             qPrintable(QString::number(zoomed.y() - zoomed.x())));
    feed(chart, QStringLiteral("out"), 300, 20);
    QCOMPARE(chart.visibleRangeX(), zoomed);

    chart.findChild<QPushButton*>(QStringLiteral("resetZoomButton"))->click();
    QVERIFY(!chart.isZoomed());
    QCOMPARE(chart.visibleRangeX(), QPointF(kStart + 19'000, kStart + 319'000));
}

void TestThroughputChart::totalsBesideTheChart()
{
    ThroughputChart chart;
    chart.appendPoint(QStringLiteral("in"), kStart, 12.5);
    chart.appendPoint(QStringLiteral("out"), kStart, 250);
    chart.setTotal(QStringLiteral("in"), 1234);
    chart.flush();
    auto* totals = chart.findChild<QTableWidget*>(QStringLiteral("totalsTable"));
    QCOMPARE(totals->rowCount(), 2);
    QCOMPARE(totals->item(0, 0)->text(), QStringLiteral("in"));
    QCOMPARE(totals->item(0, 1)->text(), QLocale().toString(12.5, 'f', 1) + QStringLiteral("/s"));
    QCOMPARE(totals->item(0, 2)->text(), QLocale().toString(1234));
    QCOMPARE(totals->item(1, 2)->text(), QStringLiteral("–"));
    // The y axis covers the largest visible value.
    auto* y = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical).constFirst());
    QVERIFY(y->max() >= 250);

    ThroughputChart lag(ThroughputChart::Kind::Lag);
    lag.appendPoint(QStringLiteral("t-0"), kStart, 4200);
    lag.flush();
    auto* lagTotals = lag.findChild<QTableWidget*>(QStringLiteral("totalsTable"));
    QCOMPARE(lagTotals->item(0, 1)->text(), QLocale().toString(4200));
    QCOMPARE(qobject_cast<QValueAxis*>(lag.chart()->axes(Qt::Vertical).constFirst())->titleText(),
             QStringLiteral("records behind"));
}

void TestThroughputChart::nanIsNotAPoint()
{
    ThroughputChart chart;
    chart.appendPoint(QStringLiteral("in"), kStart, std::numeric_limits<double>::quiet_NaN());
    chart.flush();
    QVERIFY(chart.seriesNames().isEmpty());
}

namespace {
constexpr int kTasks = 100;

// Task i's rate at second t: busier with i, and wavy so "other" sums differ from second to second.
double taskRate(int task, int t)
{
    return (task + 1) * 10.0 + (t * 7 + task) % 5;
}

// Seconds [from, from + n) of a connector with kTasks tasks through appendRates, one tick each, as
// the Throughput tab feeds it.
void feedTasks(ThroughputChart& chart, int from, int n)
{
    for (int t = from; t < from + n; ++t) {
        QList<connectdesk::observe::RateSample> rates;
        connectdesk::observe::RateSample connector;
        connector.timestampMs = kStart + t * 1000LL;
        connector.connector = QStringLiteral("c");
        connector.inPerSec = connector.outPerSec = 0;
        for (int task = 0; task < kTasks; ++task) {
            connectdesk::observe::RateSample r = connector;
            r.task = task;
            r.inPerSec = taskRate(task, t);
            r.outPerSec = 2 * taskRate(task, t);
            connector.inPerSec += r.inPerSec;
            connector.outPerSec += r.outPerSec;
            rates.append(r);
        }
        rates.append(connector);
        connectdesk::ui::observe::appendRates(chart, rates, QStringLiteral("c"));
    }
}

// The "other" line of `group` holds, at every second fed, the sum of the given tasks' rates.
void verifyOther(const ThroughputChart& chart, const QString& group, const QList<int>& tasks, int seconds,
                 double factor)
{
    const QList<QPointF> other = chart.history(ThroughputChart::otherKey(group));
    QCOMPARE(other.size(), seconds);
    for (int t = 0; t < seconds; ++t) {
        double expected = 0;
        for (int task : tasks)
            expected += factor * taskRate(task, t);
        QCOMPARE(other.at(t).x(), static_cast<double>(kStart + t * 1000LL));
        QVERIFY2(
            std::abs(other.at(t).y() - expected) <= 1e-9 * expected,
            qPrintable(
                QStringLiteral("second %1: other %2, sum %3").arg(t).arg(other.at(t).y()).arg(expected)));
    }
}

QLineSeries* lineNamed(const ThroughputChart& chart, const QString& prefix)
{
    for (QAbstractSeries* s : chart.chart()->series())
        if (s->name().startsWith(prefix))
            return qobject_cast<QLineSeries*>(s);
    return nullptr;
}
} // namespace

void TestThroughputChart::manyTasksDrawAtMostTheCap()
{
    ThroughputChart chart;
    chart.setVisibleSeconds(60);
    feedTasks(chart, 0, 30);
    // Every task is kept and listed beside the chart.
    QCOMPARE(chart.seriesNames().size(), 2 + 2 * kTasks);
    QCOMPARE(chart.findChild<QTableWidget*>(QStringLiteral("totalsTable"))->rowCount(), 2 + 2 * kTasks);
    // At most the cap is drawn: the connector, the three busiest tasks, one "other" per side.
    QCOMPARE(ThroughputChart::kMaxDrawn, 10);
    QVERIFY2(chart.drawnSeries().size() <= ThroughputChart::kMaxDrawn,
             qPrintable(chart.drawnSeries().join(u',')));
    QVERIFY(chart.chart()->series().size() <= ThroughputChart::kMaxDrawn);
    const QStringList expectedDrawn{QStringLiteral("in"),
                                    QStringLiteral("out"),
                                    QStringLiteral("task 97 in"),
                                    QStringLiteral("task 97 out"),
                                    QStringLiteral("task 98 in"),
                                    QStringLiteral("task 98 out"),
                                    QStringLiteral("task 99 in"),
                                    QStringLiteral("task 99 out"),
                                    QStringLiteral("other tasks in"),
                                    QStringLiteral("other tasks out")};
    QCOMPARE(chart.drawnSeries(), expectedDrawn);
    QList<int> rest;
    for (int task = 0; task < 97; ++task)
        rest << task;
    QCOMPARE(chart.foldedSeries(QStringLiteral("tasks in")).size(), rest.size());
    verifyOther(chart, QStringLiteral("tasks in"), rest, 30, 1);
    verifyOther(chart, QStringLiteral("tasks out"), rest, 30, 2);
    // QtCharts got the same sums, under a name that says how many tasks they stand for.
    QLineSeries* otherIn = lineNamed(chart, QStringLiteral("other tasks in"));
    QVERIFY(otherIn);
    QCOMPARE(otherIn->name(), QStringLiteral("other tasks in (97)"));
    QCOMPARE(otherIn->count(), 30);
    double lastSum = 0;
    for (int task : rest)
        lastSum += taskRate(task, 29);
    QVERIFY(std::abs(otherIn->points().constLast().y() - lastSum) <= 1e-9 * lastSum);

    chart.resize(1000, 420);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    saveShot(&chart, QStringLiteral("observe-throughput-100-tasks"));

    // The cap is a setting: with 20 lines, eight tasks are drawn.
    chart.setMaxDrawnSeries(20);
    feedTasks(chart, 30, 1);
    QCOMPARE(chart.drawnSeries().size(), 20);
    QCOMPARE(chart.foldedSeries(QStringLiteral("tasks out")).size(), 92);
}

void TestThroughputChart::pinnedTaskIsDrawnAndLeavesOther()
{
    ThroughputChart chart;
    chart.setVisibleSeconds(60);
    feedTasks(chart, 0, 20);
    QVERIFY(!chart.drawnSeries().contains(QStringLiteral("task 5 in")));
    // The checkbox beside task 5 pins it (its in and out); the budget left goes to the busiest.
    auto* totals = chart.findChild<QTableWidget*>(QStringLiteral("totalsTable"));
    QTableWidgetItem* task5 = nullptr;
    for (int row = 0; row < totals->rowCount(); ++row)
        if (totals->item(row, 0)->text() == QLatin1String("task 5 in"))
            task5 = totals->item(row, 0);
    QVERIFY(task5);
    QVERIFY(task5->flags().testFlag(Qt::ItemIsUserCheckable));
    task5->setCheckState(Qt::Checked);
    QVERIFY(chart.isPinned(QStringLiteral("task 5")));
    QVERIFY(chart.drawnSeries().contains(QStringLiteral("task 5 in")));
    QVERIFY(chart.drawnSeries().contains(QStringLiteral("task 5 out")));
    QVERIFY(chart.drawnSeries().contains(QStringLiteral("task 99 in")));
    QVERIFY(!chart.drawnSeries().contains(QStringLiteral("task 97 in")));
    QVERIFY(chart.drawnSeries().size() <= ThroughputChart::kMaxDrawn);
    QList<int> rest;
    for (int task = 0; task < 98; ++task)
        if (task != 5)
            rest << task;
    verifyOther(chart, QStringLiteral("tasks in"), rest, 20, 1);
    verifyOther(chart, QStringLiteral("tasks out"), rest, 20, 2);
    QCOMPARE(lineNamed(chart, QStringLiteral("other tasks in"))->name(),
             QStringLiteral("other tasks in (97)"));

    task5->setCheckState(Qt::Unchecked);
    QVERIFY(!chart.drawnSeries().contains(QStringLiteral("task 5 in")));
    QVERIFY(chart.drawnSeries().contains(QStringLiteral("task 97 in")));
}

void TestThroughputChart::wideSpanKeepsPeaksPerColumn()
{
    ThroughputChart chart;
    chart.resize(1100, 420);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setVisibleSeconds(3600);
    // An hour of a flat 100/s with one-second spikes and dips that a plain thinning would skip.
    for (int i = 0; i < 3600; ++i) {
        const double v = i % 97 == 13 ? 900 : i % 89 == 7 ? 3 : 100;
        chart.appendPoint(QStringLiteral("out"), kStart + i * 1000LL, v);
    }
    chart.flush();
    const int columns = static_cast<int>(chart.chart()->plotArea().width());
    // Wide enough that a bucket (2 × kPixelsPerPoint columns) spans less than 89 s: at most one
    // spike and one dip per bucket.
    QVERIFY2(columns > 2 * ThroughputChart::kPixelsPerPoint * 3600 / 89 && columns < 1800,
             qPrintable(QString::number(columns)));
    const QList<QPointF> shown = qobject_cast<QLineSeries*>(chart.chart()->series().constFirst())->points();
    QVERIFY2(shown.size() <= columns / ThroughputChart::kPixelsPerPoint + 4,
             qPrintable(QStringLiteral("%1 points for %2 columns").arg(shown.size()).arg(columns)));
    int spikes = 0;
    int dips = 0;
    for (const QPointF& p : shown) {
        spikes += p.y() == 900 ? 1 : 0;
        dips += p.y() == 3 ? 1 : 0;
    }
    int expectedSpikes = 0;
    int expectedDips = 0;
    for (int i = 0; i < 3600; ++i) {
        expectedSpikes += i % 97 == 13 ? 1 : 0;
        expectedDips += i % 97 != 13 && i % 89 == 7 ? 1 : 0;
    }
    QCOMPARE(spikes, expectedSpikes);
    QCOMPARE(dips, expectedDips);
    for (qsizetype i = 1; i < shown.size(); ++i)
        QVERIFY(shown[i].x() > shown[i - 1].x());
    // Zooming in shows every point of the zoomed span again.
    QWidget* viewport = chart.chartView()->viewport();
    const QRectF plot = chart.chart()->plotArea();
    const QPoint from(static_cast<int>(plot.left() + plot.width() * 0.40),
                      static_cast<int>(plot.center().y()));
    const QPoint to(static_cast<int>(plot.left() + plot.width() * 0.45), static_cast<int>(plot.center().y()));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    QVERIFY(chart.isZoomed());
    const QPointF range = chart.visibleRangeX();
    const QList<QPointF> zoomed = qobject_cast<QLineSeries*>(chart.chart()->series().constFirst())->points();
    int inside = 0;
    for (const QPointF& p : zoomed)
        inside += p.x() >= range.x() && p.x() <= range.y() ? 1 : 0;
    const int seconds = static_cast<int>(std::floor(range.y() / 1000.0) - std::ceil(range.x() / 1000.0)) + 1;
    QVERIFY2(std::abs(inside - seconds) <= 1,
             qPrintable(QStringLiteral("%1 points for %2 s").arg(inside).arg(seconds)));
}

void TestThroughputChart::screenshot()
{
    ThroughputChart chart;
    chart.resize(1000, 420);
    chart.setVisibleSeconds(300);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    for (int i = 3600; i > 0; --i) {
        const double t = i;
        chart.appendPoint(QStringLiteral("in"), now - i * 1000LL, 500 + 120 * std::sin(t / 40.0));
        chart.appendPoint(QStringLiteral("out"), now - i * 1000LL, 480 + 110 * std::sin((t - 3) / 40.0));
        chart.appendPoint(QStringLiteral("task 0 out"), now - i * 1000LL, 300 + 60 * std::sin(t / 25.0));
        chart.appendPoint(QStringLiteral("task 1 out"), now - i * 1000LL, 180 + 50 * std::cos(t / 25.0));
    }
    chart.setTotal(QStringLiteral("in"), 1'800'000);
    chart.setTotal(QStringLiteral("out"), 1'790'012);
    chart.flush();
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    saveShot(&chart, QStringLiteral("observe-throughput-chart"));
}

QTEST_MAIN(TestThroughputChart)
#include "test_throughput_chart.moc"
