#include "throughput_chart.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QPen>
#include <QPushButton>
#include <QScrollBar>
#include <QShowEvent>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

namespace connectdesk::ui::observe {

namespace {

// Tells the chart when the user zoomed with the rubber band (left drag) or zoomed out (right
// click), so it stops following the newest point until "Reset zoom".
class ZoomAwareView : public QChartView {
public:
    ZoomAwareView(QChart* chart, std::function<void()> onZoom, QWidget* parent)
        : QChartView(chart, parent), m_onZoom(std::move(onZoom))
    {
    }

protected:
    void mousePressEvent(QMouseEvent* event) override
    {
        m_pressPos = event->position();
        QChartView::mousePressEvent(event);
    }
    void mouseReleaseEvent(QMouseEvent* event) override
    {
        const bool dragged = (event->position() - m_pressPos).manhattanLength() > 4;
        QChartView::mouseReleaseEvent(event);
        if ((event->button() == Qt::LeftButton && dragged) || event->button() == Qt::RightButton)
            m_onZoom();
    }

private:
    std::function<void()> m_onZoom;
    QPointF m_pressPos;
};

QString formatRate(double v, ThroughputChart::Kind kind)
{
    if (std::isnan(v))
        return QStringLiteral("–");
    if (kind == ThroughputChart::Kind::Lag)
        return QLocale().toString(static_cast<qint64>(std::llround(v)));
    return QLocale().toString(v, 'f', v < 10 ? 2 : 1) + QStringLiteral("/s");
}

} // namespace

ThroughputChart::ThroughputChart(Kind kind, QWidget* parent)
    : QWidget(parent), m_kind(kind), m_useOpenGL(openGlAvailable())
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setShowToolTips(true); // ten lines' names get elided below the plot
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_x = new QDateTimeAxis;
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(6);
    m_y = new QValueAxis;
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setTitleText(kind == Kind::Lag ? tr("records behind") : tr("records/s"));
    m_y->setRange(0, 1);
    m_y->setTickCount(6);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(now - m_visibleSeconds * 1000LL),
                  QDateTime::fromMSecsSinceEpoch(now));

    m_view = new ZoomAwareView(
        m_chart, [this] { onUserZoom(); }, this);
    m_view->setObjectName(QStringLiteral("chartView"));
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_view->setRenderHint(QPainter::Antialiasing, false);
    m_view->setMinimumSize(320, 200);

    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the view; data keeps being recorded"));
    connect(m_pause, &QPushButton::toggled, this, &ThroughputChart::setPaused);
    m_reset = new QPushButton(tr("Reset zoom"), this);
    m_reset->setObjectName(QStringLiteral("resetZoomButton"));
    m_reset->setEnabled(false);
    connect(m_reset, &QPushButton::clicked, this, &ThroughputChart::resetZoom);
    m_span = new QComboBox(this);
    m_span->setObjectName(QStringLiteral("spanCombo"));
    for (int s : {60, 300, 900, 3600})
        m_span->addItem(s < 3600 ? tr("%n min", nullptr, s / 60) : tr("1 hour"), s);
    m_span->setCurrentIndex(1);
    connect(m_span, &QComboBox::currentIndexChanged, this,
            [this](int i) { setVisibleSeconds(m_span->itemData(i).toInt()); });
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("chartStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    m_totals = new QTableWidget(0, 3, this);
    m_totals->setObjectName(QStringLiteral("totalsTable"));
    m_totals->setHorizontalHeaderLabels(
        {tr("Series"), kind == Kind::Lag ? tr("Lag") : tr("Rate"), kind == Kind::Lag ? tr("") : tr("Total")});
    if (kind == Kind::Lag)
        m_totals->setColumnHidden(2, true);
    m_totals->verticalHeader()->hide();
    m_totals->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_totals->setSelectionMode(QAbstractItemView::NoSelection);
    // Fixed widths: ResizeToContents would measure every row on each of the per-tick text changes.
    m_totals->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_totals->horizontalHeader()->setStretchLastSection(true);
    m_totals->setMinimumWidth(220);
    connect(m_totals->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { updateTotals(); });
    connect(m_totals, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() != 0)
            return;
        const auto it = m_series.constFind(item->data(Qt::UserRole).toString());
        if (it != m_series.cend() && !it->member.isEmpty())
            setPinned(it->member, item->checkState() == Qt::Checked);
    });
    m_totals->setMaximumWidth(360);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_pause);
    buttons->addWidget(m_reset);
    buttons->addWidget(new QLabel(tr("Show"), this));
    buttons->addWidget(m_span);
    buttons->addStretch();
    auto* body = new QHBoxLayout;
    body->addWidget(m_view, 1);
    body->addWidget(m_totals);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addLayout(body, 1);
}

ThroughputChart::~ThroughputChart() = default;

bool ThroughputChart::openGlAvailable()
{
    static const bool available = [] {
        const QString platform = QGuiApplication::platformName();
        if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal") ||
            qEnvironmentVariableIsSet("CONNECTDESK_CHARTS_NO_OPENGL"))
            return false;
        QOpenGLContext context;
        return context.create();
    }();
    return available;
}

void ThroughputChart::setUseOpenGL(bool use)
{
    m_useOpenGL = use;
    for (Series* s : drawn())
        s->line->setUseOpenGL(use);
}

const QPointF& ThroughputChart::Ring::at(int i) const
{
    const int start = size < kHistoryPoints ? 0 : head;
    return points[static_cast<std::size_t>((start + i) % kHistoryPoints)];
}

QPointF& ThroughputChart::Ring::at(int i)
{
    const int start = size < kHistoryPoints ? 0 : head;
    return points[static_cast<std::size_t>((start + i) % kHistoryPoints)];
}

void ThroughputChart::Ring::push(const QPointF& p)
{
    if (points.empty())
        points.resize(kHistoryPoints);
    points[static_cast<std::size_t>(head)] = p;
    head = (head + 1) % kHistoryPoints;
    size = std::min(size + 1, kHistoryPoints);
}

int ThroughputChart::Ring::firstFrom(double x) const
{
    int lo = 0;
    int hi = size;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (at(mid).x() < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

ThroughputChart::Series& ThroughputChart::series(const QString& name)
{
    auto it = m_series.find(name);
    if (it != m_series.end())
        return *it;
    Series s;
    s.name = name;
    const auto foldable = m_foldable.constFind(name);
    if (foldable != m_foldable.cend()) {
        s.member = foldable->first;
        s.group = foldable->second;
        ensureGroup(s.group);
    }
    s.row = m_totals->rowCount();
    m_totals->insertRow(s.row);
    auto* nameItem = new QTableWidgetItem(name);
    nameItem->setData(Qt::UserRole, name);
    m_totals->setItem(s.row, 0, nameItem);
    m_totals->setItem(s.row, 1, new QTableWidgetItem);
    m_totals->setItem(s.row, 2, new QTableWidgetItem);
    m_order.append(name);
    m_rankDue = true;
    Series& stored = m_series[name];
    stored = std::move(s);
    styleRow(stored);
    if (m_order.size() <= 12)
        m_totals->resizeColumnToContents(0);
    return stored;
}

void ThroughputChart::ensureGroup(const QString& group)
{
    if (m_groups.contains(group))
        return;
    Group& g = m_groups[group];
    g.other.name = otherKey(group);
    // Greys, one shade per group ("other tasks in" darker than "other tasks out"): sums, not tasks.
    static const QList<QColor> greys = {QColor(0x55, 0x55, 0x55), QColor(0x9a, 0x9a, 0x9a),
                                        QColor(0x77, 0x77, 0x77)};
    g.other.color = greys.at(static_cast<int>(m_groupOrder.size() % greys.size()));
    m_groupOrder.append(group);
}

void ThroughputChart::appendPoint(const QString& name, qint64 timestampMs, double value)
{
    if (std::isnan(value))
        return;
    Series& s = series(name);
    const QPointF p(static_cast<double>(timestampMs), value);
    s.ring.push(p);
    s.unshown = std::min(s.unshown + 1, kHistoryPoints);
    s.last = value;
    s.totalsDirty = true;
    m_newestMs = std::max(m_newestMs, timestampMs);
    if (!s.member.isEmpty())
        addToGroup(s, p);
}

void ThroughputChart::addAt(Ring& ring, double x, double y, Series* shown)
{
    if (ring.size == 0 || ring.at(ring.size - 1).x() < x) {
        ring.push(QPointF(x, y));
        if (shown)
            shown->unshown = std::min(shown->unshown + 1, kHistoryPoints);
        return;
    }
    // Another member's point of the same second (the common case: the newest point).
    const int i = ring.firstFrom(x);
    if (i >= ring.size || ring.at(i).x() != x)
        return; // older than the history it would belong to: nothing to add it to
    ring.at(i).ry() += y;
    if (shown && i < ring.size - shown->unshown)
        shown->rewrite = true; // QtCharts already has the old value
}

void ThroughputChart::addToGroup(Series& s, const QPointF& p)
{
    Group& g = m_groups[s.group];
    addAt(g.sum, p.x(), p.y(), nullptr);
    // While some members are folded the "other" line has a point wherever the group has one.
    if (g.folded > 0) {
        addAt(g.other.ring, p.x(), s.folded ? p.y() : 0.0, &g.other);
        g.other.last = g.other.ring.at(g.other.ring.size - 1).y();
    }
}

void ThroughputChart::setFoldable(const QString& name, const QString& member, const QString& group)
{
    const QPair<QString, QString> declared(member, group);
    const auto known = m_foldable.constFind(name);
    if (known != m_foldable.cend() && *known == declared)
        return; // the feed declares its series every tick
    m_foldable.insert(name, declared);
    auto it = m_series.find(name);
    if (it == m_series.end() || (it->member == member && it->group == group))
        return;
    // Declared after its first points: the sums of the groups it leaves and joins start over.
    const QString oldGroup = it->group;
    it->member = member;
    it->group = group;
    it->folded = false;
    ensureGroup(group);
    styleRow(*it);
    if (!oldGroup.isEmpty())
        rebuildGroupSum(oldGroup);
    rebuildGroupSum(group);
    m_rankDue = true;
}

void ThroughputChart::rebuildGroupSum(const QString& group)
{
    Group& g = m_groups[group];
    std::map<double, double> sums;
    for (const Series& s : std::as_const(m_series))
        if (s.group == group)
            for (int i = 0; i < s.ring.size; ++i)
                sums[s.ring.at(i).x()] += s.ring.at(i).y();
    g.sum.clear();
    auto from = sums.cbegin();
    if (sums.size() > static_cast<std::size_t>(kHistoryPoints))
        std::advance(from, static_cast<std::ptrdiff_t>(sums.size()) - kHistoryPoints);
    for (auto it = from; it != sums.cend(); ++it)
        g.sum.push(QPointF(it->first, it->second));
    rebuildOther(group);
}

void ThroughputChart::rebuildOther(const QString& group)
{
    Group& g = m_groups[group];
    g.other.ring.clear();
    g.other.unshown = 0;
    g.other.rewrite = true;
    g.other.last = std::numeric_limits<double>::quiet_NaN();
    if (g.folded == 0)
        return;
    // The folded members' sum is the group's sum minus its few drawn members: a walk over at most
    // kMaxDrawn rings instead of a merge of every folded one.
    std::vector<const Ring*> drawnRings;
    for (const Series& s : std::as_const(m_series))
        if (s.group == group && !s.folded)
            drawnRings.push_back(&s.ring);
    std::vector<int> pos(drawnRings.size(), 0);
    for (int i = 0; i < g.sum.size; ++i) {
        const QPointF& total = g.sum.at(i);
        double v = total.y();
        for (std::size_t k = 0; k < drawnRings.size(); ++k) {
            const Ring& r = *drawnRings[k];
            int& j = pos[k];
            while (j < r.size && r.at(j).x() < total.x())
                ++j;
            if (j < r.size && r.at(j).x() == total.x())
                v -= r.at(j).y();
        }
        if (std::abs(v) <= 1e-9 * std::abs(total.y()))
            v = 0; // what rounding leaves of an exact cancellation
        g.other.ring.push(QPointF(total.x(), v));
    }
    if (g.other.ring.size > 0)
        g.other.last = g.other.ring.at(g.other.ring.size - 1).y();
}

double ThroughputChart::score(const Series& s) const
{
    // Mean over the last minute: busy now, not a spike.
    const int n = std::min(s.ring.size, 60);
    if (n == 0)
        return 0;
    double sum = 0;
    for (int i = s.ring.size - n; i < s.ring.size; ++i)
        sum += s.ring.at(i).y();
    return sum / n;
}

void ThroughputChart::rank()
{
    m_rankDue = false;
    m_rankedAtMs = m_newestMs;
    struct Member {
        QString name;
        double score = 0;
        int series = 0;
        int order = 0;
        bool pinned = false;
    };
    std::vector<Member> members;
    QHash<QString, std::size_t> index;
    int fixed = 0;
    for (const QString& name : std::as_const(m_order)) {
        const Series& s = m_series[name];
        if (s.member.isEmpty()) {
            ++fixed;
            continue;
        }
        auto found = index.constFind(s.member);
        if (found == index.cend()) {
            found = index.insert(s.member, members.size());
            members.push_back(
                {s.member, 0, 0, static_cast<int>(members.size()), m_pinned.contains(s.member)});
        }
        Member& m = members[*found];
        m.score += score(s);
        ++m.series;
    }
    int foldable = 0;
    for (const Member& m : members)
        foldable += m.series;
    QSet<QString> drawnMembers;
    if (fixed + foldable <= m_maxDrawn) {
        for (const Member& m : members)
            drawnMembers.insert(m.name);
    } else {
        // One "other" line per group, then the busiest members while their lines fit.
        const int budget = m_maxDrawn - fixed - static_cast<int>(m_groupOrder.size());
        std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
            if (a.pinned != b.pinned)
                return a.pinned;
            return a.score > b.score;
        });
        int used = 0;
        for (const Member& m : members) {
            if (m.pinned || used + m.series <= budget) {
                drawnMembers.insert(m.name);
                used += m.series;
            }
        }
    }
    QSet<QString> changedGroups;
    for (const QString& name : std::as_const(m_order)) {
        Series& s = m_series[name];
        const bool draw = s.member.isEmpty() || drawnMembers.contains(s.member);
        if (!s.member.isEmpty() && s.folded == draw) {
            s.folded = !draw;
            changedGroups.insert(s.group);
            styleRow(s);
        }
        setDrawn(s, draw);
    }
    for (const QString& group : std::as_const(m_groupOrder)) {
        Group& g = m_groups[group];
        int folded = 0;
        for (const Series& s : std::as_const(m_series))
            if (s.group == group && s.folded)
                ++folded;
        if (changedGroups.contains(group) || folded != g.folded) {
            g.folded = folded;
            rebuildOther(group);
        }
        setDrawn(g.other, folded > 0);
        if (g.other.line)
            g.other.line->setName(tr("other %1 (%2)").arg(group).arg(folded));
    }
}

void ThroughputChart::setDrawn(Series& s, bool drawn)
{
    if (drawn == (s.line != nullptr))
        return;
    if (!drawn) {
        m_chart->removeSeries(s.line);
        delete s.line;
        s.line = nullptr;
        if (s.row >= 0)
            styleRow(s);
        return;
    }
    if (s.row >= 0) {
        // The first palette colour no drawn line has, so the few lines stay told apart.
        static const QList<QColor> palette = {
            QColor(0x20, 0x9f, 0xdf), QColor(0x99, 0xca, 0x53), QColor(0xf6, 0xa6, 0x25),
            QColor(0x6d, 0x5f, 0xd5), QColor(0xbf, 0x59, 0x3e), QColor(0x17, 0xbe, 0xcf),
            QColor(0xe3, 0x77, 0xc2), QColor(0x8c, 0x56, 0x4b), QColor(0x2c, 0xa0, 0x2c),
            QColor(0xd6, 0x27, 0x28), QColor(0x1f, 0x4e, 0x9f), QColor(0xbc, 0xbd, 0x22)};
        QSet<QRgb> used;
        for (const Series& other : std::as_const(m_series))
            if (other.line)
                used.insert(other.color.rgb());
        s.color = palette.at(static_cast<int>(m_series.size() % palette.size()));
        for (const QColor& c : palette)
            if (!used.contains(c.rgb())) {
                s.color = c;
                break;
            }
    }
    s.line = new QLineSeries(this);
    s.line->setName(s.name);
    m_chart->addSeries(s.line);
    s.line->attachAxis(m_x);
    s.line->attachAxis(m_y);
    s.line->setPen(QPen(s.color, kPenWidth));
    s.line->setUseOpenGL(m_useOpenGL);
    s.unshown = s.ring.size;
    s.rewrite = true;
    if (s.row >= 0)
        styleRow(s);
}

void ThroughputChart::styleRow(const Series& s)
{
    if (s.row < 0)
        return;
    QTableWidgetItem* item = m_totals->item(s.row, 0);
    if (!item)
        return;
    const QSignalBlocker quiet(m_totals); // not a user's click on the checkbox
    item->setForeground(s.line ? QBrush(s.color) : palette().brush(QPalette::Disabled, QPalette::Text));
    if (s.member.isEmpty())
        return;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(m_pinned.contains(s.member) ? Qt::Checked : Qt::Unchecked);
    item->setToolTip(s.folded ? tr("Summed into the line \"other %1\"; check to draw it").arg(s.group)
                     : m_pinned.contains(s.member)
                         ? tr("Pinned onto the chart")
                         : tr("Drawn as one of the busiest; check to keep it drawn"));
}

void ThroughputChart::setMaxDrawnSeries(int lines)
{
    m_maxDrawn = std::max(1, lines);
    m_rankDue = true;
}

void ThroughputChart::setPinned(const QString& member, bool pinned)
{
    if (pinned == m_pinned.contains(member))
        return;
    if (pinned)
        m_pinned.insert(member);
    else
        m_pinned.remove(member);
    for (const Series& s : std::as_const(m_series))
        if (s.member == member)
            styleRow(s);
    m_rankDue = true;
    flush();
}

void ThroughputChart::setTotal(const QString& name, qint64 total)
{
    Series& s = series(name);
    if (s.total != total) {
        s.total = total;
        s.totalsDirty = true;
    }
}

int ThroughputChart::plotColumns() const
{
    const int width = static_cast<int>(m_chart->plotArea().width());
    // Not laid out yet (never shown): nothing to fit to, every point goes.
    return width > 0 ? width : std::numeric_limits<int>::max() / 4;
}

QList<QPointF> ThroughputChart::visiblePoints(const Series& s, qint64 fromMs, bool* decimated) const
{
    const Ring& r = s.ring;
    const int first = r.firstFrom(static_cast<double>(fromMs));
    // QtCharts restrokes every point of a line each tick: a line gets at most one point per
    // kPixelsPerPoint columns of the plot (bench_chart_update: the cost follows the points).
    const int budget = std::max(4, plotColumns() / kPixelsPerPoint);
    QList<QPointF> points;
    *decimated = r.size - first > budget;
    if (!*decimated) {
        points.reserve(r.size - first);
        for (int i = first; i < r.size; ++i)
            points.append(r.at(i));
        return points;
    }
    // Per bucket its lowest and highest point, in time order, so peaks stay visible. Buckets are
    // aligned on multiples of their width in epoch ms, so a bucket holds the same points from one
    // tick to the next and the line does not shimmer as it scrolls.
    const int buckets = budget / 2;
    const double width = std::ceil(static_cast<double>(m_visibleSeconds) * 1000.0 / buckets);
    points.reserve(budget + 4);
    for (int i = first; i < r.size;) {
        const double bucket = std::floor(r.at(i).x() / width);
        int lo = i;
        int hi = i;
        int j = i + 1;
        for (; j < r.size && std::floor(r.at(j).x() / width) == bucket; ++j) {
            if (r.at(j).y() < r.at(lo).y())
                lo = j;
            if (r.at(j).y() > r.at(hi).y())
                hi = j;
        }
        points.append(r.at(std::min(lo, hi)));
        if (lo != hi)
            points.append(r.at(std::max(lo, hi)));
        i = j;
    }
    return points;
}

void ThroughputChart::showSeries(Series& s, qint64 fromMs, bool quiet)
{
    bool decimated = false;
    const QList<QPointF> points = visiblePoints(s, fromMs, &decimated);
    if (quiet) {
        const QSignalBlocker blocker(s.line);
        s.line->replace(points);
        s.changedQuietly = true;
    } else {
        s.line->replace(points);
    }
    s.unshown = 0;
    s.rewrite = false;
    s.decimated = decimated;
}

void ThroughputChart::drawNew(Series& s, qint64 fromMs)
{
    if (s.unshown == 0 && !s.rewrite)
        return;
    const int count = static_cast<int>(s.line->count());
    const int visible = s.ring.size - s.ring.firstFrom(static_cast<double>(fromMs));
    if (s.rewrite || s.decimated || visible > std::max(4, plotColumns() / kPixelsPerPoint) ||
        s.unshown >= s.ring.size || s.unshown > count) {
        // Changed in place, more points than the plot shows, or longer than the span was frozen:
        // one replace instead of a long append.
        showSeries(s, fromMs, true);
        return;
    }
    // QtCharts recomputes (and strokes, for hit testing) a whole series on every pointAdded and
    // pointsRemoved, and again when the axis range moves. With the series' signals blocked
    // while appending and trimming, the range change after this is the only recomputation: one
    // per series per tick instead of three.
    const QSignalBlocker quiet(s.line);
    QList<QPointF> added;
    added.reserve(s.unshown);
    for (int i = s.ring.size - s.unshown; i < s.ring.size; ++i)
        added.append(s.ring.at(i));
    s.line->append(added);
    s.unshown = 0;
    // Trim what scrolled out of the span (and never more than the ring holds).
    const QList<QPointF> shown = s.line->points();
    int drop = 0;
    while (drop < shown.size() &&
           (shown[drop].x() < static_cast<double>(fromMs) || shown.size() - drop > kHistoryPoints))
        ++drop;
    if (drop > 0)
        s.line->removePoints(0, drop);
    s.changedQuietly = true;
}

std::vector<ThroughputChart::Series*> ThroughputChart::drawn()
{
    std::vector<Series*> out;
    for (Series& s : m_series)
        if (s.line)
            out.push_back(&s);
    for (Group& g : m_groups)
        if (g.other.line)
            out.push_back(&g.other);
    return out;
}

void ThroughputChart::flush()
{
    if (!frozen() && (m_rankDue || m_newestMs - m_rankedAtMs >= kRankEveryMs))
        rank();
    updateTotals();
    if (frozen())
        return;
    const qint64 fromMs = m_newestMs - m_visibleSeconds * 1000LL;
    const std::vector<Series*> lines = drawn();
    for (Series* s : lines)
        drawNew(*s, fromMs);
    const QPointF before = visibleRangeX();
    followNewest();
    const bool rangeMoved = visibleRangeX() != before;
    for (Series* s : lines) {
        // Same newest time as before (several points in one second): nothing moved the axis, so
        // tell QtCharts about the quiet changes once.
        if (s->changedQuietly && !rangeMoved)
            s->line->replace(s->line->points());
        s->changedQuietly = false;
    }
}

void ThroughputChart::followNewest()
{
    if (m_series.isEmpty())
        return;
    const qint64 fromMs = m_newestMs - m_visibleSeconds * 1000LL;
    double top = 0;
    for (const Series* s : drawn())
        for (int i = s->ring.firstFrom(static_cast<double>(fromMs)); i < s->ring.size; ++i)
            top = std::max(top, s->ring.at(i).y());
    // Headroom rounded up to 1, 2 or 5 × 10^k, so the axis moves in steps, not every second,
    // and the 5 ticks fall on round numbers.
    const double wanted = std::max(1.0, top * 1.05);
    const double magnitude = std::pow(10.0, std::floor(std::log10(wanted)));
    double nice = 10 * magnitude;
    for (double step : {1.0, 2.0, 5.0})
        if (wanted <= step * magnitude) {
            nice = step * magnitude;
            break;
        }
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(m_newestMs));
    if (m_y->max() != nice || m_y->min() != 0)
        m_y->setRange(0, nice);
}

void ThroughputChart::updateTotals()
{
    // Only the rows in sight: with 100 tasks, setting 200 texts a second costs more than drawing
    // the lines. The others stay dirty until scrolled into view (or shown).
    int first = 0;
    int last = m_totals->rowCount() - 1;
    if (m_totals->isVisible()) {
        const int top = m_totals->rowAt(0);
        const int bottom = m_totals->rowAt(m_totals->viewport()->height() - 1);
        first = top < 0 ? 0 : top;
        last = bottom < 0 ? last : bottom;
    }
    for (Series& s : m_series) {
        if (!s.totalsDirty || s.row < first || s.row > last)
            continue;
        s.totalsDirty = false;
        m_totals->item(s.row, 1)->setText(formatRate(s.last, m_kind));
        m_totals->item(s.row, 2)->setText(s.total < 0 ? QStringLiteral("–") : QLocale().toString(s.total));
    }
}

void ThroughputChart::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateTotals(); // rows that changed while hidden
}

void ThroughputChart::clear()
{
    for (Series* s : drawn()) {
        m_chart->removeSeries(s->line);
        delete s->line;
    }
    m_series.clear();
    m_order.clear();
    m_groups.clear();
    m_groupOrder.clear();
    m_totals->setRowCount(0);
    m_newestMs = 0;
    m_rankDue = true;
}

void ThroughputChart::setVisibleSeconds(int seconds)
{
    seconds = std::clamp(seconds, 10, kHistoryPoints);
    if (seconds == m_visibleSeconds)
        return;
    m_visibleSeconds = seconds;
    const int index = m_span->findData(seconds);
    if (index >= 0 && index != m_span->currentIndex())
        m_span->setCurrentIndex(index);
    if (frozen())
        return;
    const qint64 fromMs = m_newestMs - m_visibleSeconds * 1000LL;
    for (Series* s : drawn())
        showSeries(*s, fromMs, false);
    followNewest();
}

void ThroughputChart::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    const bool wasFrozen = frozen();
    m_paused = paused;
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!frozen())
        flush();
    if (wasFrozen != frozen())
        Q_EMIT frozenChanged(frozen());
}

void ThroughputChart::showZoomedDetail()
{
    // A zoom into a span drawn as per-column extremes shows every point of the zoomed span.
    const double from = static_cast<double>(m_x->min().toMSecsSinceEpoch());
    const double to = static_cast<double>(m_x->max().toMSecsSinceEpoch());
    for (Series* s : drawn()) {
        if (!s->decimated)
            continue;
        const Ring& r = s->ring;
        QList<QPointF> points;
        for (int i = std::max(0, r.firstFrom(from) - 1); i < r.size; ++i) {
            points.append(r.at(i));
            if (r.at(i).x() > to)
                break;
        }
        s->line->replace(points);
        s->rewrite = true; // back to the whole span when the zoom is reset
    }
}

void ThroughputChart::onUserZoom()
{
    showZoomedDetail();
    if (m_zoomed)
        return;
    const bool wasFrozen = frozen();
    m_zoomed = true;
    m_reset->setEnabled(true);
    if (!wasFrozen)
        Q_EMIT frozenChanged(true);
}

void ThroughputChart::resetZoom()
{
    const bool wasFrozen = frozen();
    m_chart->zoomReset();
    m_zoomed = false;
    m_reset->setEnabled(false);
    if (!frozen())
        flush();
    if (wasFrozen != frozen())
        Q_EMIT frozenChanged(frozen());
}

void ThroughputChart::setMessage(const QString& message)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
}

QString ThroughputChart::message() const
{
    return m_status->text();
}

int ThroughputChart::historySize(const QString& name) const
{
    const auto it = m_series.constFind(name);
    return it == m_series.cend() ? 0 : it->ring.size;
}

int ThroughputChart::shownPointCount(const QString& name) const
{
    const auto it = m_series.constFind(name);
    return it == m_series.cend() || !it->line ? 0 : static_cast<int>(it->line->count());
}

QStringList ThroughputChart::drawnSeries() const
{
    QStringList out;
    for (const QString& name : m_order) {
        const auto it = m_series.constFind(name);
        if (it != m_series.cend() && it->line)
            out << name;
    }
    for (const QString& group : m_groupOrder) {
        const auto it = m_groups.constFind(group);
        if (it != m_groups.cend() && it->other.line)
            out << otherKey(group);
    }
    return out;
}

QStringList ThroughputChart::foldedSeries(const QString& group) const
{
    QStringList out;
    for (const QString& name : m_order) {
        const auto it = m_series.constFind(name);
        if (it != m_series.cend() && it->group == group && it->folded)
            out << name;
    }
    return out;
}

QList<QPointF> ThroughputChart::history(const QString& name) const
{
    const Ring* ring = nullptr;
    const auto it = m_series.constFind(name);
    if (it != m_series.cend())
        ring = &it->ring;
    for (auto g = m_groups.cbegin(); !ring && g != m_groups.cend(); ++g)
        if (g->other.name == name)
            ring = &g->other.ring;
    QList<QPointF> out;
    if (ring)
        for (int i = 0; i < ring->size; ++i)
            out.append(ring->at(i));
    return out;
}

double ThroughputChart::lastValue(const QString& name) const
{
    const auto it = m_series.constFind(name);
    return it == m_series.cend() ? std::numeric_limits<double>::quiet_NaN() : it->last;
}

qint64 ThroughputChart::total(const QString& name) const
{
    const auto it = m_series.constFind(name);
    return it == m_series.cend() ? -1 : it->total;
}

QPointF ThroughputChart::visibleRangeX() const
{
    return {static_cast<double>(m_x->min().toMSecsSinceEpoch()),
            static_cast<double>(m_x->max().toMSecsSinceEpoch())};
}

} // namespace connectdesk::ui::observe
