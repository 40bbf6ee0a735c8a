// A live QtCharts line chart of records/s (or of lag, in records) with one hour of history per
// series: points arrive once a second, are kept in a ring buffer of 3600, and only the visible
// span is handed to QtCharts, by appending and trimming a few points per tick, so a tick costs
// the same after an hour as after a minute. Pause and rubber-band zoom freeze the view while data
// keeps arriving; totals are listed beside the chart.
//
// QtCharts restrokes every visible point of every line whenever the time axis moves, so the cost
// of a tick grows with the lines drawn, not with the data kept. A connector with 100 tasks would
// cost ~90 ms per tick drawn on the CPU; so at most maxDrawnSeries() lines are drawn: the series
// not marked foldable (the connector's own), the busiest members (tasks) and, per group, one
// "other … (N)" line that is the sum of the members not drawn. Every series keeps its row in the
// totals table, where a checkbox pins a member onto the chart. A span with more points than the
// plot has room for is handed to QtCharts as the min and max of each few pixel columns (peaks
// kept); zooming in shows every point of the zoomed span.
#pragma once

#include <QColor>
#include <QHash>
#include <QPair>
#include <QPointF>
#include <QSet>
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
    // Lines drawn at most: with a connector's in and out, three tasks and two "other" lines.
    static constexpr int kMaxDrawn = 10;
    // The busiest members are chosen again every this many ms of data (by their mean over the
    // last minute), not every tick, so lines do not flicker in and out.
    static constexpr qint64 kRankEveryMs = 10'000;
    // Lines are 1 px wide: a wider pen is stroked as polygons on the CPU (bench_chart_update).
    static constexpr double kPenWidth = 1.0;
    // A wider span than one point per this many pixel columns goes to QtCharts as the min and max
    // of each 2 × kPixelsPerPoint columns.
    static constexpr int kPixelsPerPoint = 3;

    explicit ThroughputChart(Kind kind = Kind::Throughput, QWidget* parent = nullptr);
    ~ThroughputChart() override;

    Kind kind() const { return m_kind; }

    // Adds a point to `series` (created on first use, in creation order); NaN values are skipped.
    // Points reach the chart at the next flush().
    void appendPoint(const QString& series, qint64 timestampMs, double value);
    // The cumulative count shown beside the chart (-1: unknown).
    void setTotal(const QString& series, qint64 total);
    // Declares `series` one of many alike (a task's "in" line) before or after its first point:
    // `member` ties the series ranked, drawn and pinned together (a task's in and out), `group`
    // names the "other <group> (N)" line the member is summed into when it is not drawn.
    void setFoldable(const QString& series, const QString& member, const QString& group);
    // At most this many lines are drawn (pinned members may go beyond it); default kMaxDrawn.
    void setMaxDrawnSeries(int lines);
    int maxDrawnSeries() const { return m_maxDrawn; }
    // A pinned member is always drawn, never folded (the totals table's checkbox).
    void setPinned(const QString& member, bool pinned);
    bool isPinned(const QString& member) const { return m_pinned.contains(member); }
    // Moves what arrived since the last flush into the chart: per drawn line one append and at
    // most one trim at the front (or one replace when the span is decimated); then the axes follow
    // the newest point unless the view is frozen.
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
    // The lines handed to QtCharts, in drawing order; "other" lines by their key otherKey(group).
    QStringList drawnSeries() const;
    static QString otherKey(const QString& group) { return QStringLiteral("other ") + group; }
    // The series summed into the "other" line of `group` (empty when nothing is folded).
    QStringList foldedSeries(const QString& group) const;
    // The ring buffer of a series or of an "other" line (by otherKey), oldest first.
    QList<QPointF> history(const QString& series) const;
    double lastValue(const QString& series) const;
    qint64 total(const QString& series) const;
    QPointF visibleRangeX() const; // epoch ms, min and max of the time axis
    QChart* chart() const { return m_chart; }
    QChartView* chartView() const { return m_view; }

Q_SIGNALS:
    void frozenChanged(bool frozen);

protected:
    void showEvent(QShowEvent* event) override;

private:
    // kHistoryPoints points, oldest first, sorted by x (time).
    struct Ring {
        std::vector<QPointF> points; // capacity kHistoryPoints, oldest at `head` when full
        int head = 0;
        int size = 0;
        const QPointF& at(int i) const; // i-th oldest
        QPointF& at(int i);
        void push(const QPointF& p);
        void clear() { head = size = 0; }
        int firstFrom(double x) const; // index of the oldest point with x >= `x`
    };
    struct Series {
        QString name;
        QLineSeries* line = nullptr; // null while not drawn
        QColor color;
        Ring ring;
        int unshown = 0;      // newest points not yet handed to `line`
        bool rewrite = false; // points already handed to `line` changed: replace them all
        bool decimated = false;
        double last = std::numeric_limits<double>::quiet_NaN();
        qint64 total = -1;
        int row = -1; // in the totals table; -1 for "other" lines
        bool totalsDirty = true;
        bool changedQuietly = false; // appended/trimmed with signals blocked
        QString member;              // empty: not foldable, always drawn
        QString group;
        bool folded = false; // summed into its group's "other" line instead of drawn
    };
    // The members of one group: their sum at every time (all members) and the "other" line
    // (the members not drawn) = sum minus the drawn members.
    struct Group {
        Ring sum;
        Series other;
        int folded = 0;
    };
    Series& series(const QString& name);
    void ensureGroup(const QString& group);
    static void addAt(Ring& ring, double x, double y, Series* shown);
    void addToGroup(Series& s, const QPointF& p);
    void rebuildGroupSum(const QString& group);
    void rebuildOther(const QString& group);
    void rank();
    void setDrawn(Series& s, bool drawn);
    double score(const Series& s) const;
    QList<QPointF> visiblePoints(const Series& s, qint64 fromMs, bool* decimated) const;
    int plotColumns() const;
    void showSeries(Series& s, qint64 fromMs, bool quiet);
    void showZoomedDetail();
    void drawNew(Series& s, qint64 fromMs);
    std::vector<Series*> drawn();
    void followNewest();
    void updateTotals();
    void styleRow(const Series& s);
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
    QHash<QString, QPair<QString, QString>> m_foldable; // series -> (member, group), declared
    QHash<QString, Group> m_groups;
    QStringList m_groupOrder;
    QSet<QString> m_pinned;
    int m_maxDrawn = kMaxDrawn;
    bool m_rankDue = true;
    qint64 m_rankedAtMs = 0;
    qint64 m_newestMs = 0;
    int m_visibleSeconds = 300;
    bool m_paused = false;
    bool m_zoomed = false;
    bool m_useOpenGL = false;
};

} // namespace connectdesk::ui::observe
