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
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

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
    for (Series& s : m_series)
        s.line->setUseOpenGL(use);
}

ThroughputChart::Series& ThroughputChart::series(const QString& name)
{
    auto it = m_series.find(name);
    if (it != m_series.end())
        return *it;
    Series s;
    s.line = new QLineSeries(this);
    s.line->setName(name);
    s.ring.resize(kHistoryPoints);
    m_chart->addSeries(s.line);
    s.line->attachAxis(m_x);
    s.line->attachAxis(m_y);
    s.row = m_totals->rowCount();
    m_totals->insertRow(s.row);
    auto* nameItem = new QTableWidgetItem(name);
    nameItem->setForeground(s.line->color());
    m_totals->setItem(s.row, 0, nameItem);
    m_totals->setItem(s.row, 1, new QTableWidgetItem);
    m_totals->setItem(s.row, 2, new QTableWidgetItem);
    m_totals->resizeColumnToContents(0);
    m_order.append(name);
    s.line->setUseOpenGL(m_useOpenGL);
    Series& stored = m_series[name];
    stored = std::move(s);
    return stored;
}

const QPointF& ThroughputChart::at(const Series& s, int i) const
{
    const int start = s.size < kHistoryPoints ? 0 : s.head;
    return s.ring[static_cast<std::size_t>((start + i) % kHistoryPoints)];
}

void ThroughputChart::appendPoint(const QString& name, qint64 timestampMs, double value)
{
    if (std::isnan(value))
        return;
    Series& s = series(name);
    s.ring[static_cast<std::size_t>(s.head)] = QPointF(static_cast<double>(timestampMs), value);
    s.head = (s.head + 1) % kHistoryPoints;
    s.size = std::min(s.size + 1, kHistoryPoints);
    s.unshown = std::min(s.unshown + 1, kHistoryPoints);
    s.last = value;
    s.totalsDirty = true;
    m_newestMs = std::max(m_newestMs, timestampMs);
}

void ThroughputChart::setTotal(const QString& name, qint64 total)
{
    Series& s = series(name);
    if (s.total != total) {
        s.total = total;
        s.totalsDirty = true;
    }
}

void ThroughputChart::showSeries(Series& s, qint64 fromMs)
{
    QList<QPointF> points;
    points.reserve(s.size);
    for (int i = 0; i < s.size; ++i)
        if (at(s, i).x() >= static_cast<double>(fromMs))
            points.append(at(s, i));
    s.line->replace(points);
    s.unshown = 0;
}

void ThroughputChart::flush()
{
    updateTotals();
    if (frozen())
        return;
    const qint64 fromMs = m_newestMs - m_visibleSeconds * 1000LL;
    for (Series& s : m_series) {
        if (s.unshown == 0)
            continue;
        const int count = s.line->count();
        if (s.unshown >= s.size || s.unshown > count) {
            // Longer than the shown span was frozen: one rebuild instead of a long append.
            showSeries(s, fromMs);
            continue;
        }
        // QtCharts recomputes (and strokes, for hit testing) a whole series on every pointAdded and
        // pointsRemoved, and again when the axis range moves. With the series' signals blocked
        // while appending and trimming, the range change below is the only recomputation: one per
        // series per tick instead of three.
        const QSignalBlocker quiet(s.line);
        QList<QPointF> added;
        added.reserve(s.unshown);
        for (int i = s.size - s.unshown; i < s.size; ++i)
            added.append(at(s, i));
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
    const QPointF before = visibleRangeX();
    followNewest();
    const bool rangeMoved = visibleRangeX() != before;
    for (Series& s : m_series) {
        // Same newest time as before (several points in one second): nothing moved the axis, so
        // tell QtCharts about the quiet changes once.
        if (s.changedQuietly && !rangeMoved)
            s.line->replace(s.line->points());
        s.changedQuietly = false;
    }
}

void ThroughputChart::followNewest()
{
    if (m_series.isEmpty())
        return;
    const qint64 fromMs = m_newestMs - m_visibleSeconds * 1000LL;
    double top = 0;
    for (const Series& s : std::as_const(m_series))
        for (int i = s.size - 1; i >= 0 && at(s, i).x() >= static_cast<double>(fromMs); --i)
            top = std::max(top, at(s, i).y());
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
    for (Series& s : m_series) {
        if (!s.totalsDirty)
            continue;
        s.totalsDirty = false;
        m_totals->item(s.row, 1)->setText(formatRate(s.last, m_kind));
        m_totals->item(s.row, 2)->setText(s.total < 0 ? QStringLiteral("–") : QLocale().toString(s.total));
    }
}

void ThroughputChart::clear()
{
    for (Series& s : m_series) {
        m_chart->removeSeries(s.line);
        delete s.line;
    }
    m_series.clear();
    m_order.clear();
    m_totals->setRowCount(0);
    m_newestMs = 0;
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
    for (Series& s : m_series)
        showSeries(s, fromMs);
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

void ThroughputChart::onUserZoom()
{
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
    return it == m_series.cend() ? 0 : it->size;
}

int ThroughputChart::shownPointCount(const QString& name) const
{
    const auto it = m_series.constFind(name);
    return it == m_series.cend() ? 0 : it->line->count();
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
