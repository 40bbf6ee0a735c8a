// ThroughputChart: the ring buffer keeps one hour (3600 points) per series and QtCharts gets only
// the visible span; pause and zoom freeze the visible range while points keep arriving; totals
// are listed beside the chart. A screenshot of a filled chart goes to the build dir.
#include "observe/throughput_chart.h"
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
