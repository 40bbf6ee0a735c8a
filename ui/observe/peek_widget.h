// A connector's Peek tab: the newest N records of one of its topics, decoded with the connector's
// converter settings (observe::peekLast on a worker thread), JSON pretty-printed, the schema of
// JsonConverter envelopes apart, headers listed.
#pragma once

#include "observe/topic_peek.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace connectdesk::ui::observe {

class ClusterObservation;
class GuardedTarget;

class PeekWidget : public QWidget {
    Q_OBJECT
public:
    PeekWidget(ClusterObservation* cluster, QString connector, QWidget* parent = nullptr);
    ~PeekWidget() override;

    // Reads the newest records of the chosen topic; no-op while a peek runs.
    void peek();
    bool isBusy() const { return m_busy; }
    QStringList topics() const;
    void setTopic(const QString& topic);
    void setCount(int n);
    const QList<connectdesk::observe::PeekedRecord>& records() const { return m_records; }
    QString statusText() const;
    // The detail panes of the selected record.
    QString valueText() const;
    QString schemaText() const;
    QString headersText() const;
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    void topicsKnown();
    void peeked(bool ok);

private:
    void loadConnector();
    void showResult(const connectdesk::observe::PeekResult& result);
    void showSelected();

    QPointer<ClusterObservation> m_cluster;
    QString m_connector;
    QMap<QString, QString> m_converters;
    QComboBox* m_topic = nullptr;
    QSpinBox* m_count = nullptr;
    QPushButton* m_peek = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QTabWidget* m_details = nullptr;
    QPlainTextEdit* m_value = nullptr;
    QPlainTextEdit* m_schema = nullptr;
    QPlainTextEdit* m_key = nullptr;
    QPlainTextEdit* m_headers = nullptr;
    QList<connectdesk::observe::PeekedRecord> m_records;
    bool m_busy = false;
    std::unique_ptr<GuardedTarget> m_guard;
};

} // namespace connectdesk::ui::observe
