#include "log_dock.h"

#include "guarded_target.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <mutex>

namespace connectdesk::ui::observe {

LogModel::LogModel(QObject* parent) : QAbstractTableModel(parent) {}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(int level)
{
    switch (level) {
    case spdlog::level::trace:
        return QStringLiteral("TRACE");
    case spdlog::level::debug:
        return QStringLiteral("DEBUG");
    case spdlog::level::info:
        return QStringLiteral("INFO");
    case spdlog::level::warn:
        return QStringLiteral("WARN");
    case spdlog::level::err:
        return QStringLiteral("ERROR");
    case spdlog::level::critical:
        return QStringLiteral("CRITICAL");
    default:
        return QString::number(level);
    }
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const LogLine& l = m_lines.at(index.row());
    if (role == LevelRole)
        return l.level;
    if (role == Qt::ForegroundRole && index.column() == LevelColumn) {
        if (l.level >= spdlog::level::err)
            return QColor(Qt::red);
        if (l.level == spdlog::level::warn)
            return QColor(0xb3, 0x6b, 0x00);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return l.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case LevelColumn:
        return levelName(l.level);
    case LoggerColumn:
        return l.logger;
    case MessageColumn:
        return l.message;
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case LoggerColumn:
        return tr("Logger");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

void LogModel::append(const QList<LogLine>& lines)
{
    if (lines.isEmpty())
        return;
    // Only the newest maxLines of this batch can survive.
    const qsizetype skip = std::max<qsizetype>(0, lines.size() - m_maxLines);
    const auto first = static_cast<int>(m_lines.size());
    beginInsertRows({}, first, first + static_cast<int>(lines.size() - skip) - 1);
    m_lines.append(lines.mid(skip));
    endInsertRows();
    const auto excess = static_cast<int>(m_lines.size()) - m_maxLines;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_lines.remove(0, excess);
        endRemoveRows();
    }
}

void LogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

void LogModel::setMaxLines(int lines)
{
    m_maxLines = std::max(1, lines);
    const auto excess = static_cast<int>(m_lines.size()) - m_maxLines;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_lines.remove(0, excess);
        endRemoveRows();
    }
}

void LogFilterProxy::setMinimumLevel(int level)
{
    m_minLevel = level;
    invalidateFilter();
}

void LogFilterProxy::setText(const QString& text)
{
    m_text = text;
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    Q_UNUSED(sourceParent);
    const auto* model = qobject_cast<const LogModel*>(sourceModel());
    if (!model)
        return true;
    const LogLine& l = model->line(sourceRow);
    if (l.level < m_minLevel)
        return false;
    return m_text.isEmpty() || l.message.contains(m_text, Qt::CaseInsensitive) ||
           l.logger.contains(m_text, Qt::CaseInsensitive);
}

// Runs on whatever thread logs. Lines are batched: only the first line of a batch posts a
// delivery to the GUI thread, so a burst of logging costs one queued call, not one per line.
struct LogCapture::Sink : spdlog::sinks::base_sink<std::mutex>,
                          std::enable_shared_from_this<LogCapture::Sink> {
    explicit Sink(LogModel* model) : guard(model), handle(guard.handle()), target(model) {}

    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        LogLine line;
        line.time = QDateTime::fromMSecsSinceEpoch(
            std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count());
        line.level = static_cast<int>(msg.level);
        line.logger =
            QString::fromUtf8(msg.logger_name.data(), static_cast<qsizetype>(msg.logger_name.size()));
        line.message = QString::fromUtf8(msg.payload.data(), static_cast<qsizetype>(msg.payload.size()));
        bool first = false;
        {
            std::lock_guard lock(pendingMutex);
            first = pending.isEmpty();
            pending.append(std::move(line));
        }
        if (first) {
            LogModel* model = target;
            handle.post([self = shared_from_this(), model] {
                QList<LogLine> batch;
                {
                    std::lock_guard lock(self->pendingMutex);
                    batch.swap(self->pending);
                }
                model->append(batch);
            });
        }
    }
    void flush_() override {}

    GuardedTarget guard;
    GuardedTarget::Handle handle;
    LogModel* target;
    std::mutex pendingMutex;
    QList<LogLine> pending;
};

LogCapture::LogCapture(LogModel* model) : m_sink(std::make_shared<Sink>(model))
{
    auto sink = m_sink;
    spdlog::default_logger()->sinks().push_back(sink);
    spdlog::apply_all([&sink](const std::shared_ptr<spdlog::logger>& logger) {
        auto& sinks = logger->sinks();
        if (std::find(sinks.begin(), sinks.end(), sink) == sinks.end())
            sinks.push_back(sink);
    });
}

LogCapture::~LogCapture()
{
    // The sink stays in the loggers' lists (changing them could race with logging threads); the
    // detached guard makes it drop everything from now on.
    m_sink->guard.detach();
}

LogDock::LogDock(QWidget* parent) : QDockWidget(tr("Worker log"), parent)
{
    setObjectName(QStringLiteral("logDock"));
    m_model = new LogModel(this);
    m_proxy = new LogFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    auto* body = new QWidget(this);
    m_level = new QComboBox(body);
    m_level->setObjectName(QStringLiteral("logLevel"));
    for (int l = spdlog::level::trace; l <= spdlog::level::critical; ++l)
        m_level->addItem(LogModel::levelName(l), l);
    m_level->setCurrentIndex(0);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_proxy->setMinimumLevel(m_level->itemData(i).toInt()); });
    m_search = new QLineEdit(body);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &LogFilterProxy::setText);
    m_follow = new QCheckBox(tr("Follow"), body);
    m_follow->setObjectName(QStringLiteral("logFollow"));
    m_follow->setChecked(true);

    m_view = new QTableView(body);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(LogModel::TimeColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(LogModel::LevelColumn, QHeaderView::ResizeToContents);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_view->scrollToBottom();
    });

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Level ≥"), body));
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_follow);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    setWidget(body);

    m_capture = std::make_unique<LogCapture>(m_model);
}

LogDock::~LogDock() = default;

void LogDock::setFollow(bool follow)
{
    m_follow->setChecked(follow);
}

bool LogDock::follows() const
{
    return m_follow->isChecked();
}

} // namespace connectdesk::ui::observe
