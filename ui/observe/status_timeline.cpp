#include "status_timeline.h"

#include "state_style.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace connectdesk::ui::observe {

using connectdesk::observe::StatusEvent;
using connectdesk::observe::StatusRecordKind;

namespace {
bool earlier(const StatusEvent& a, const StatusEvent& b)
{
    return a.timestampMs < b.timestampMs;
}
} // namespace

StatusTimelineModel::StatusTimelineModel(QObject* parent) : QAbstractTableModel(parent) {}

int StatusTimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StatusTimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatusTimelineModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const StatusEvent& e = m_rows.at(index.row());
    const bool undecodable = e.kind == StatusRecordKind::Undecodable;
    const QString state = undecodable ? tr("undecodable") : e.deleted ? tr("deleted") : e.state;
    switch (role) {
    case TraceRole:
        return undecodable
                   ? e.error + QStringLiteral("\nkey: ") + e.rawKey + QStringLiteral("\nvalue: ") + e.rawValue
                   : e.trace.value_or(QString());
    case StateRole:
        return e.state;
    case Qt::DecorationRole:
        return index.column() == StateColumn && !undecodable && !e.deleted ? stateIcon(e.state) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == StateColumn && !undecodable && !e.deleted ? stateColor(e.state) : QVariant();
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return e.timestampMs < 0 ? QString()
                                     : QDateTime::fromMSecsSinceEpoch(e.timestampMs)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case ConnectorColumn:
            return e.connector;
        case TaskColumn:
            return e.kind == StatusRecordKind::Task ? QVariant(e.task) : QVariant(tr("connector"));
        case StateColumn:
            return state;
        case WorkerColumn:
            return e.workerId;
        case GenerationColumn:
            return e.generation < 0 ? QVariant() : QVariant(static_cast<qlonglong>(e.generation));
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant StatusTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("When");
    case ConnectorColumn:
        return tr("Connector");
    case TaskColumn:
        return tr("Task");
    case StateColumn:
        return tr("State");
    case WorkerColumn:
        return tr("Worker");
    case GenerationColumn:
        return tr("Generation");
    default:
        return {};
    }
}

bool StatusTimelineModel::accepts(const StatusEvent& e) const
{
    return m_filter.isEmpty() || e.connector == m_filter;
}

void StatusTimelineModel::setConnectorFilter(const QString& connector)
{
    if (connector == m_filter)
        return;
    beginResetModel();
    m_filter = connector;
    m_rows.clear();
    for (const StatusEvent& e : std::as_const(m_all))
        if (accepts(e))
            m_rows.append(e);
    endResetModel();
}

void StatusTimelineModel::addEvents(const QList<StatusEvent>& events)
{
    QList<StatusEvent> fresh;
    for (const StatusEvent& e : events)
        if (e.kind != StatusRecordKind::Topic)
            fresh.append(e);
    if (fresh.isEmpty())
        return;
    // Partitions interleave: order by record time, keeping topic order among equal times.
    std::stable_sort(fresh.begin(), fresh.end(), earlier);
    const bool inOrder = m_all.isEmpty() || !earlier(fresh.constFirst(), m_all.constLast());
    m_all.append(fresh);
    if (!inOrder)
        std::stable_sort(m_all.begin(), m_all.end(), earlier);
    const auto excess = m_all.size() - m_maxRows;
    if (excess > 0)
        m_all.remove(0, excess);

    QList<StatusEvent> shown;
    for (const StatusEvent& e : std::as_const(fresh))
        if (accepts(e))
            shown.append(e);
    if (inOrder && excess <= 0) {
        if (shown.isEmpty())
            return;
        const auto first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(shown.size()) - 1);
        m_rows.append(shown);
        endInsertRows();
        return;
    }
    beginResetModel();
    m_rows.clear();
    for (const StatusEvent& e : std::as_const(m_all))
        if (accepts(e))
            m_rows.append(e);
    endResetModel();
}

void StatusTimelineModel::clear()
{
    beginResetModel();
    m_all.clear();
    m_rows.clear();
    endResetModel();
}

StatusTimelineWidget::StatusTimelineWidget(QWidget* parent) : QWidget(parent)
{
    m_model = new StatusTimelineModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("statusTimeline"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_trace = new QPlainTextEdit(this);
    m_trace->setObjectName(QStringLiteral("timelineTrace"));
    m_trace->setReadOnly(true);
    m_trace->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_trace->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_trace->setPlaceholderText(tr("Select a state change to see its trace"));
    m_copy = new QPushButton(tr("Copy trace"), this);
    m_copy->setObjectName(QStringLiteral("copyTimelineTrace"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_trace->toPlainText()); });
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("timelineStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StatusTimelineWidget::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StatusTimelineWidget::showSelected);

    auto* tracePane = new QWidget(this);
    auto* traceLayout = new QVBoxLayout(tracePane);
    traceLayout->setContentsMargins(0, 0, 0, 0);
    auto* traceBar = new QHBoxLayout;
    traceBar->addWidget(new QLabel(tr("Trace"), tracePane));
    traceBar->addStretch();
    traceBar->addWidget(m_copy);
    traceLayout->addLayout(traceBar);
    traceLayout->addWidget(m_trace);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(tracePane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
}

StatusTimelineWidget::~StatusTimelineWidget()
{
    stop();
}

void StatusTimelineWidget::follow(const connectdesk::observe::ClientProperties& properties,
                                  const QString& statusTopic)
{
    stop();
    m_model->clear();
    m_caughtUp = false;
    m_reader = std::make_unique<connectdesk::observe::StatusHistoryReader>(properties, statusTopic);
    // The reader emits on its own thread, so its signals are queued. The reader, not this widget,
    // is the context: deleting it (stop(), or following anew) drops what it queued and was not
    // delivered yet, which would otherwise land in the model cleared for the next reader.
    auto* reader = m_reader.get();
    connect(reader, &connectdesk::observe::StatusHistoryReader::eventsReceived, reader,
            [this, statusTopic](const QList<StatusEvent>& events) {
                m_model->addEvents(events);
                if (!m_caughtUp)
                    m_status->setText(
                        tr("Reading the history of %1: %n change(s) so far…", nullptr, m_model->rowCount())
                            .arg(statusTopic));
            });
    connect(reader, &connectdesk::observe::StatusHistoryReader::caughtUp, reader, [this, statusTopic] {
        m_caughtUp = true;
        m_status->setText(tr("Following %1 live.").arg(statusTopic));
    });
    connect(reader, &connectdesk::observe::StatusHistoryReader::errorOccurred, reader,
            [this](const QString& message) { m_status->setText(message); });
    m_status->setText(tr("Connecting to read %1…").arg(statusTopic));
    m_reader->start();
}

void StatusTimelineWidget::stop()
{
    if (m_reader) {
        m_reader->stop();
        m_reader.reset();
    }
}

bool StatusTimelineWidget::isFollowing() const
{
    return m_reader && m_reader->isRunning();
}

void StatusTimelineWidget::setMessage(const QString& message)
{
    m_status->setText(message);
}

QString StatusTimelineWidget::traceText() const
{
    return m_trace->toPlainText();
}

QString StatusTimelineWidget::statusText() const
{
    return m_status->text();
}

void StatusTimelineWidget::showSelected()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const QString trace =
        current.isValid() ? m_model->data(current, StatusTimelineModel::TraceRole).toString() : QString();
    m_trace->setPlainText(trace);
    m_copy->setEnabled(!trace.isEmpty());
}

} // namespace connectdesk::ui::observe
