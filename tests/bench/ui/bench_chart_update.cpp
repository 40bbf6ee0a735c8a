// Benchmark: the throughput chart's cost per 1 Hz tick with 100 series that already hold one
// hour of history (3600 points each): append one point per series, flush into QtCharts, repaint
// synchronously. Prints GUI-thread time per tick (median, p99, max over the ticks) for the default
// 5-minute view and for the whole hour shown, and the resident memory before and after filling.
// Goal: < 5 ms per tick.
//
//   QT_QPA_PLATFORM=offscreen ./bench_chart_update [series] [ticks]
#include "observe/throughput_chart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using connectdesk::ui::observe::ThroughputChart;

namespace {

double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
    return -1;
}

double valueAt(int series, qint64 second)
{
    return 200.0 + 50.0 * series / 10.0 + 40.0 * std::sin(static_cast<double>(second) / (20.0 + series));
}

struct Figures {
    double median, p99, max, mean;
    double flushMedian, paintMedian;
};

double medianOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

Figures measure(ThroughputChart& chart, int seriesCount, qint64& second, qint64 startMs, int ticks)
{
    std::vector<double> ms;
    std::vector<double> flushMs;
    std::vector<double> paintMs;
    ms.reserve(static_cast<std::size_t>(ticks));
    QElapsedTimer timer;
    for (int t = 0; t < ticks; ++t, ++second) {
        timer.start();
        for (int s = 0; s < seriesCount; ++s)
            chart.appendPoint(QStringLiteral("series %1").arg(s), startMs + second * 1000,
                              valueAt(s, second));
        chart.flush();
        const double flushed = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        // What the event loop does for this tick (scene change processing, posted updates), then
        // a synchronous repaint so the drawing is inside the measurement.
        QCoreApplication::processEvents();
        chart.repaint();
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        flushMs.push_back(flushed);
        paintMs.push_back(ms.back() - flushed);
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) {
        return sorted[std::min(sorted.size() - 1,
                               static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
    };
    double sum = 0;
    for (double v : ms)
        sum += v;
    return {at(0.5),           at(0.99),         sorted.back(), sum / static_cast<double>(ms.size()),
            medianOf(flushMs), medianOf(paintMs)};
}

// One chart, filled with the hour, then the ticks in three view spans; false when a p99 >= 5 ms.
bool run(bool openGl, int seriesCount, int ticks)
{
    const double rssEmptyBefore = rssMiB();
    ThroughputChart chart;
    chart.setUseOpenGL(openGl);
    chart.resize(1280, 720);
    chart.show();
    QCoreApplication::processEvents();
    const double rssEmpty = rssMiB();

    const qint64 startMs = 1'700'000'000'000;
    qint64 second = 0;
    QElapsedTimer fill;
    fill.start();
    for (; second < ThroughputChart::kHistoryPoints; ++second)
        for (int s = 0; s < seriesCount; ++s)
            chart.appendPoint(QStringLiteral("series %1").arg(s), startMs + second * 1000,
                              valueAt(s, second));
    chart.flush();
    chart.repaint();
    const double fillMs = static_cast<double>(fill.nsecsElapsed()) / 1e6;
    const double rssFull = rssMiB();

    std::printf("\n  %s drawing:\n", openGl ? "QtCharts OpenGL" : "QtCharts CPU (raster)");
    std::printf("    filling the hour: %.0f ms (once)\n", fillMs);
    std::printf("    RSS: %.1f MiB before the chart, %.1f MiB with it empty, %.1f MiB with the hour filled "
                "(+%.1f MiB for %d points)\n",
                rssEmptyBefore, rssEmpty, rssFull, rssFull - rssEmpty,
                seriesCount * ThroughputChart::kHistoryPoints);
    std::printf(
        "    per tick = append %d points + flush + pending events + synchronous repaint, GUI thread:\n",
        seriesCount);
    const struct {
        int seconds;
        const char* label;
    } views[] = {{300, "5-minute view (default)"}, {900, "15-minute view"}, {3600, "whole hour shown"}};
    bool allUnder = true;
    for (const auto& v : views) {
        chart.setVisibleSeconds(v.seconds);
        chart.repaint();
        const Figures f = measure(chart, seriesCount, second, startMs, ticks);
        allUnder = allUnder && f.p99 < 5.0;
        std::printf(
            "      %-24s median %7.2f ms  p99 %7.2f ms  max %7.2f ms  mean %7.2f ms  (%d points shown)\n",
            v.label, f.median, f.p99, f.max, f.mean, seriesCount * (v.seconds + 1));
        std::printf("      %-24s of which append+flush median %7.2f ms, repaint median %7.2f ms\n", "",
                    f.flushMedian, f.paintMedian);
    }
    std::printf("    RSS after the ticks: %.1f MiB\n", rssMiB());
    std::printf("    goal < 5 ms per tick (p99): %s\n",
                allUnder ? "met in every view" : "NOT met in every view");
    return allUnder;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int seriesCount = argc > 1 ? std::max(1, atoi(argv[1])) : 100;
    const int ticks = argc > 2 ? std::max(10, atoi(argv[2])) : 120;
    std::printf("bench_chart_update: %d series x %d points of history (1 Hz, one hour), %d ticks per view, "
                "platform %s, OpenGL %s\n",
                seriesCount, ThroughputChart::kHistoryPoints, ticks, qPrintable(QApplication::platformName()),
                ThroughputChart::openGlAvailable() ? "available" : "not available (CPU drawing only)");
    run(false, seriesCount, ticks);
    if (ThroughputChart::openGlAvailable())
        run(true, seriesCount, ticks);
    return 0;
}
