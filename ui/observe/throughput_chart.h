// A live QtCharts line chart of records/s (or of lag, in records) with one hour of history per
// series: points arrive once a second, are kept in a ring buffer of 3600, and only the visible
// span is handed to QtCharts, by appending and trimming a few points per tick, so a tick costs
// the same after an hour as after a minute. Pause and rubber-band zoom freeze the view while data
// keeps arriving; totals are listed beside the chart.
#pragma once

#include <QHash>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <limits>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace connectdesk::ui::observe {

class ThroughputChart : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Throughput, Lag };
    // One hour at one point per second.
    static constexpr int kHistoryPoints = 3600;

    explicit ThroughputChart(Kind kind = Kind::Throughput, QWidget* parent = nullptr);
    ~ThroughputChart() override;

    Kind kind() const { return m_kind; }

    // Adds a point to `series` (created on first use, in creation order); NaN values are skipped.
    // Points reach the chart at the next flush().
    void appendPoint(const QString& series, qint64 timestampMs, double value);
    // The cumulative count shown beside the chart (-1: unknown).
    void setTotal(const QString& series, qint64 total);
    // Moves what arrived since the last flush into the chart: per series one append and at most
    // one trim at the front; then the axes follow the newest point unless the view is frozen.
    void flush();
    void clear();

    // Seconds of history shown (60 .. 3600); the rest stays in the ring buffer.
    void setVisibleSeconds(int seconds);
    int visibleSeconds() const { return m_visibleSeconds; }

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    bool isZoomed() const { return m_zoomed; }
    // Back to following the newest point at the chosen span.
    void resetZoom();

    // Shown instead of the chart's title when there is nothing to draw, e.g. how to configure Kafka.
    void setMessage(const QString& message);
    QString message() const;

    // QtCharts' OpenGL drawing of the series (no per-tick geometry and stroking on the CPU); on by
    // default when the platform can create an OpenGL context (not on the offscreen platform, or
    // with CONNECTDESK_CHARTS_NO_OPENGL set).
    static bool openGlAvailable();
    void setUseOpenGL(bool use);
    bool usesOpenGL() const { return m_useOpenGL; }

    // For tests and the benchmark.
    QStringList seriesNames() const { return m_order; }
    int historySize(const QString& series) const;     // points kept in the ring buffer
    int shownPointCount(const QString& series) const; // points handed to QtCharts
    double lastValue(const QString& series) const;
    qint64 total(const QString& series) const;
    QPointF visibleRangeX() const; // epoch ms, min and max of the time axis
    QChart* chart() const { return m_chart; }
    QChartView* chartView() const { return m_view; }

Q_SIGNALS:
    void frozenChanged(bool frozen);

private:
    struct Series {
        QLineSeries* line = nullptr;
        std::vector<QPointF> ring; // capacity kHistoryPoints, oldest at m_head when full
        int head = 0;
        int size = 0;
        int unshown = 0; // newest points not yet handed to `line`
        double last = std::numeric_limits<double>::quiet_NaN();
        qint64 total = -1;
        int row = -1; // in the totals table
        bool totalsDirty = true;
        bool changedQuietly = false; // appended/trimmed with signals blocked
    };
    Series& series(const QString& name);
    const QPointF& at(const Series& s, int i) const; // i-th oldest
    void showSeries(Series& s, qint64 fromMs);
    void followNewest();
    void updateTotals();
    bool frozen() const { return m_paused || m_zoomed; }
    void onUserZoom();

    Kind m_kind;
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_reset = nullptr;
    QComboBox* m_span = nullptr;
    QTableWidget* m_totals = nullptr;
    QLabel* m_status = nullptr;
    QHash<QString, Series> m_series;
    QStringList m_order;
    qint64 m_newestMs = 0;
    int m_visibleSeconds = 300;
    bool m_paused = false;
    bool m_zoomed = false;
    bool m_useOpenGL = false;
};

} // namespace connectdesk::ui::observe
