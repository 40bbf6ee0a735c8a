// The embedded worker's log in the console: an spdlog sink hands lines over to a table model on the
// GUI thread (batched, queued), a proxy filters them by level and text, and the dock follows the
// newest line. At most maxLines() are kept; the oldest go first.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QDockWidget>
#include <QList>
#include <QSortFilterProxyModel>
#include <QString>

#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;

namespace connectdesk::ui::observe {

struct LogLine {
    QDateTime time;
    int level = 2; // spdlog::level::level_enum: 0 trace .. 5 critical
    QString logger;
    QString message;
};

class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, LoggerColumn, MessageColumn, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1 };

    explicit LogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Appends in order, then drops the oldest lines beyond maxLines().
    void append(const QList<LogLine>& lines);
    void clear();
    void setMaxLines(int lines);
    int maxLines() const { return m_maxLines; }
    const LogLine& line(int row) const { return m_lines.at(row); }

    static QString levelName(int level);

private:
    QList<LogLine> m_lines;
    int m_maxLines = 10'000;
};

// Level at or above a minimum, and a case-insensitive text over logger and message.
class LogFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(int level);
    int minimumLevel() const { return m_minLevel; }
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_minLevel = 0;
    QString m_text;
};

// Puts an spdlog sink feeding `model` on the default logger and on every registered logger
// (runtime::areaLogger clones the default logger's sinks, so later area loggers get it too).
// Install it before worker threads log: spdlog's sink lists are not guarded against concurrent
// change. When the capture is destroyed the sink stays in place but drops everything.
class LogCapture {
public:
    explicit LogCapture(LogModel* model);
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

private:
    struct Sink;
    std::shared_ptr<Sink> m_sink;
};

class LogDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LogDock(QWidget* parent = nullptr);
    ~LogDock() override;

    LogModel* model() const { return m_model; }
    LogFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    void setFollow(bool follow);
    bool follows() const;

private:
    LogModel* m_model = nullptr;
    LogFilterProxy* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QComboBox* m_level = nullptr;
    QLineEdit* m_search = nullptr;
    QCheckBox* m_follow = nullptr;
    std::unique_ptr<LogCapture> m_capture;
};

} // namespace connectdesk::ui::observe
