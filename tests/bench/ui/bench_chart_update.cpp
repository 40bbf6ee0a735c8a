// Benchmark: the throughput chart's cost per 1 Hz tick once one hour of history (3600 points per
// series) is kept: one tick = the connector's and its tasks' rates through appendRates (append +
// flush, as the Throughput tab does), the pending events and a synchronous repaint, all on the GUI
// thread. Prints the time per tick (median, p99, max) for the default 5-minute view, 15 minutes and
// the whole hour, the lines drawn against the series kept, and the resident memory, for:
//   - a connector with 2 tasks (6 series, all drawn),
//   - a connector with N tasks (2 + 2N series; the chart draws at most kMaxDrawn lines: the
//     connector, the busiest tasks and one "other tasks" line per side),
//   - for reference, N lines all drawn (the design before the cap: every series a line).
// Side by side with ratios to the 2-task connector. Goal: < 5 ms per tick. Each tick is measured
// in wall time and in the GUI thread's own CPU time (CLOCK_THREAD_CPUTIME_ID): on a shared,
// loaded machine the wall figure also measures the scheduler, the CPU figure the work alone.
//
//   QT_QPA_PLATFORM=offscreen ./bench_chart_update [tasks=100] [ticks=120] [--no-reference]
#include "observe/throughput_chart.h"
#include "observe/throughput_tab.h"

#include <QApplication>
#include <QChart>
#include <QElapsedTimer>
#include <QFile>
#include <QXYSeries>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <vector>

using connectdesk::observe::RateSample;
using connectdesk::ui::observe::ThroughputChart;

namespace {

const QString kConnector = QStringLiteral("bench-src");
constexpr qint64 kStartMs = 1'700'000'000'000;

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

// Tasks of unequal load that wander, so the busiest change now and then.
double valueAt(int series, qint64 second)
{
    return 200.0 + 50.0 * series / 10.0 + 40.0 * std::sin(static_cast<double>(second) / (20.0 + series));
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double medianOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Figures {
    double median, p99, max; // wall
    double feedMedian, paintMedian;
    double cpuMedian, cpuP99; // GUI thread CPU
};

// What one second brings: either the connector and `count` tasks as RateSamples (appendRates),
// or `count` plain lines "series i" (the reference: every series drawn).
struct Feed {
    bool tasks = true;
    int count = 0;

    void tick(ThroughputChart& chart, qint64 second) const
    {
        const qint64 t = kStartMs + second * 1000;
        if (!tasks) {
            for (int s = 0; s < count; ++s)
                chart.appendPoint(QStringLiteral("series %1").arg(s), t, valueAt(s, second));
            chart.flush();
            return;
        }
        QList<RateSample> rates;
        RateSample connector;
        connector.timestampMs = t;
        connector.connector = kConnector;
        connector.inPerSec = connector.outPerSec = 0;
        for (int s = 0; s < count; ++s) {
            RateSample r;
            r.timestampMs = t;
            r.connector = kConnector;
            r.task = s;
            r.inPerSec = valueAt(s, second);
            r.outPerSec = r.inPerSec * 0.98;
            r.totalIn = second * 200;
            r.totalOut = second * 196;
            connector.inPerSec += r.inPerSec;
            connector.outPerSec += r.outPerSec;
            rates.append(r);
        }
        rates.prepend(connector);
        connectdesk::ui::observe::appendRates(chart, rates, kConnector);
    }
};

Figures measure(ThroughputChart& chart, const Feed& feed, qint64& second, int ticks)
{
    std::vector<double> ms;
    std::vector<double> feedMs;
    std::vector<double> paintMs;
    std::vector<double> cpuMs;
    QElapsedTimer timer;
    for (int t = 0; t < ticks; ++t, ++second) {
        const double cpuStart = threadCpuMs();
        timer.start();
        feed.tick(chart, second);
        const double fed = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        // What the event loop does for this tick (scene change processing, posted updates), then
        // a synchronous repaint so the drawing is inside the measurement.
        QCoreApplication::processEvents();
        chart.repaint();
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        cpuMs.push_back(threadCpuMs() - cpuStart);
        feedMs.push_back(fed);
        paintMs.push_back(ms.back() - fed);
    }
    const auto quantile = [](std::vector<double> v, double q) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    return {quantile(ms, 0.5), quantile(ms, 0.99),   quantile(ms, 1.0),    medianOf(feedMs),
            medianOf(paintMs), quantile(cpuMs, 0.5), quantile(cpuMs, 0.99)};
}

struct ViewFigures {
    int seconds;
    Figures f;
    int pointsShown;
};

struct Run {
    QString label;
    int seriesKept = 0;
    int linesDrawn = 0;
    double fillMs = 0;
    double rssGrowth = 0;
    std::vector<ViewFigures> views;
};

Run run(const QString& label, const Feed& feed, bool openGl, int ticks)
{
    Run out;
    out.label = label;
    ThroughputChart chart;
    chart.setUseOpenGL(openGl);
    chart.resize(1280, 720);
    chart.show();
    QCoreApplication::processEvents();
    const double rssEmpty = rssMiB();

    // The hour before the measured ticks: the series and their foldability as appendRates
    // declares them, filled point by point, then one flush.
    QElapsedTimer fill;
    fill.start();
    qint64 second = 0;
    if (feed.tasks) {
        for (int s = 0; s < feed.count; ++s) {
            const QString member = QStringLiteral("task %1").arg(s);
            chart.setFoldable(member + QStringLiteral(" in"), member, QStringLiteral("tasks in"));
            chart.setFoldable(member + QStringLiteral(" out"), member, QStringLiteral("tasks out"));
        }
    }
    for (; second < ThroughputChart::kHistoryPoints; ++second) {
        const qint64 t = kStartMs + second * 1000;
        if (!feed.tasks) {
            for (int s = 0; s < feed.count; ++s)
                chart.appendPoint(QStringLiteral("series %1").arg(s), t, valueAt(s, second));
            continue;
        }
        double in = 0;
        for (int s = 0; s < feed.count; ++s) {
            const QString member = QStringLiteral("task %1").arg(s);
            chart.appendPoint(member + QStringLiteral(" in"), t, valueAt(s, second));
            chart.appendPoint(member + QStringLiteral(" out"), t, valueAt(s, second) * 0.98);
            in += valueAt(s, second);
        }
        chart.appendPoint(QStringLiteral("in"), t, in);
        chart.appendPoint(QStringLiteral("out"), t, in * 0.98);
    }
    chart.flush();
    chart.repaint();
    out.fillMs = static_cast<double>(fill.nsecsElapsed()) / 1e6;
    out.rssGrowth = rssMiB() - rssEmpty;
    out.seriesKept = static_cast<int>(chart.seriesNames().size());

    for (int seconds : {300, 900, 3600}) {
        chart.setVisibleSeconds(seconds);
        chart.repaint();
        const Figures f = measure(chart, feed, second, ticks);
        int shown = 0; // over every line QtCharts has, the "other" ones included
        for (QAbstractSeries* s : chart.chart()->series())
            shown += static_cast<int>(static_cast<QXYSeries*>(s)->count());
        out.views.push_back({seconds, f, shown});
    }
    out.linesDrawn = static_cast<int>(chart.drawnSeries().size());
    return out;
}

void print(const std::vector<Run>& runs, const char* drawing)
{
    std::printf("\n  %s drawing, GUI thread per tick (appendRates + pending events + synchronous repaint):\n",
                drawing);
    const double base = runs.front().views.front().f.cpuMedian;
    for (const Run& r : runs) {
        std::printf("    %s: %d series kept, %d lines drawn; hour filled in %.0f ms, +%.1f MiB RSS\n",
                    qPrintable(r.label), r.seriesKept, r.linesDrawn, r.fillMs, r.rssGrowth);
        for (const ViewFigures& v : r.views) {
            std::printf(
                "      %4d s view: GUI-thread CPU median %6.2f ms p99 %6.2f ms %s| wall median %6.2f ms "
                "p99 %6.2f max %6.2f (feed %5.2f, draw %5.2f) | %5d points to QtCharts | x%.1f\n",
                v.seconds, v.f.cpuMedian, v.f.cpuP99, v.f.cpuP99 < 5.0 ? "" : "(p99 over 5 ms) ", v.f.median,
                v.f.p99, v.f.max, v.f.feedMedian, v.f.paintMedian, v.pointsShown, v.f.cpuMedian / base);
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int tasks = 100;
    int ticks = 120;
    bool reference = true;
    int positional = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-reference") == 0)
            reference = false;
        else if (positional++ == 0)
            tasks = std::max(1, atoi(argv[i]));
        else
            ticks = std::max(10, atoi(argv[i]));
    }
    std::printf("bench_chart_update: one hour of history at 1 Hz (%d points per series), %d ticks per view, "
                "platform %s, OpenGL %s, at most %d lines drawn\n",
                ThroughputChart::kHistoryPoints, ticks, qPrintable(QApplication::platformName()),
                ThroughputChart::openGlAvailable() ? "available" : "not available (CPU drawing only)",
                ThroughputChart::kMaxDrawn);
    for (bool openGl : {false, true}) {
        if (openGl && !ThroughputChart::openGlAvailable())
            break;
        std::vector<Run> runs;
        runs.push_back(run(QStringLiteral("connector with 2 tasks"), Feed{true, 2}, openGl, ticks));
        runs.push_back(
            run(QStringLiteral("connector with %1 tasks").arg(tasks), Feed{true, tasks}, openGl, ticks));
        if (reference)
            runs.push_back(run(QStringLiteral("reference: %1 lines all drawn").arg(tasks), Feed{false, tasks},
                               openGl, std::max(10, ticks / 4)));
        print(runs, openGl ? "QtCharts OpenGL" : "QtCharts CPU (raster)");
    }
    return 0;
}
