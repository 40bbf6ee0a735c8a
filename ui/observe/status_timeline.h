// The status history of a Connect cluster as a timeline: every connector and task state change
// read from the status topic (spec/connect-data-and-config.md §8.1), when, on which worker, with
// its trace. The widget owns its StatusHistoryReader, so closing the view stops the consumer.
#pragma once

#include "observe/status_history_reader.h"
#include "observe/status_record.h"
#include "observe/topic_record.h"

#include <QAbstractTableModel>
#include <QList>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace connectdesk::ui::observe {

class StatusTimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ConnectorColumn,
        TaskColumn,
        StateColumn,
        WorkerColumn,
        GenerationColumn,
        ColumnCount
    };
    enum Role { TraceRole = Qt::UserRole + 1, StateRole };

    explicit StatusTimelineModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Only this connector's events from now on (empty: every connector); applied to what is held.
    void setConnectorFilter(const QString& connector);
    QString connectorFilter() const { return m_filter; }
    // Connector and task records (and undecodable ones, shown as such); topic-tracking records
    // are not state changes and are left out. Kept in time order; at most maxRows().
    void addEvents(const QList<connectdesk::observe::StatusEvent>& events);
    void clear();
    const connectdesk::observe::StatusEvent& eventAt(int row) const { return m_rows.at(row); }
    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows) { m_maxRows = rows; }

private:
    bool accepts(const connectdesk::observe::StatusEvent& e) const;

    QString m_filter;
    QList<connectdesk::observe::StatusEvent> m_all; // everything accepted regardless of filter
    QList<connectdesk::observe::StatusEvent> m_rows;
    int m_maxRows = 50'000;
};

class StatusTimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit StatusTimelineWidget(QWidget* parent = nullptr);
    ~StatusTimelineWidget() override;

    // Starts following `statusTopic` (replacing a previous source).
    void follow(const connectdesk::observe::ClientProperties& properties, const QString& statusTopic);
    // Stops the reader; what was read stays.
    void stop();
    bool isFollowing() const;
    // Shown when there is nothing to follow (no Kafka configured).
    void setMessage(const QString& message);

    StatusTimelineModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString traceText() const;
    QString statusText() const;

private:
    void showSelected();

    StatusTimelineModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_trace = nullptr;
    QPushButton* m_copy = nullptr;
    QLabel* m_status = nullptr;
    std::unique_ptr<connectdesk::observe::StatusHistoryReader> m_reader;
    bool m_caughtUp = false;
};

} // namespace connectdesk::ui::observe
