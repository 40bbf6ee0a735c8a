// The internal topics of the cluster in front, decoded: the config topic (connector and task
// configs, target states, restarts over time, secrets masked) and the offsets topic (per source
// partition), each followed live by an InternalTopicReader while the dock is visible.
#pragma once

#include "observe/internal_topic_reader.h"

#include <QDockWidget>
#include <QPointer>

#include <memory>

class QLabel;
class QStandardItemModel;
class QTableView;
class QTabWidget;

namespace connectdesk::ui::observe {

class ClusterObservation;

class InternalTopicsDock : public QDockWidget {
    Q_OBJECT
public:
    explicit InternalTopicsDock(QWidget* parent = nullptr);
    ~InternalTopicsDock() override;

    // The cluster whose topics to show (null: none); readers run only while the dock is visible.
    void setCluster(ClusterObservation* cluster);
    ClusterObservation* cluster() const { return m_cluster; }
    bool isReading() const;

    QStandardItemModel* configModel() const { return m_configModel; }
    QStandardItemModel* offsetsModel() const { return m_offsetsModel; }
    QString statusText() const;

    // Rows are kept up to this many per table (oldest dropped).
    static constexpr int kMaxRows = 20'000;

private:
    void restart();
    void stopReaders();
    void addConfig(const QList<connectdesk::observe::ConfigEvent>& events);
    void addOffsets(const QList<connectdesk::observe::OffsetEvent>& events);

    QPointer<ClusterObservation> m_cluster;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_status = nullptr;
    QStandardItemModel* m_configModel = nullptr;
    QStandardItemModel* m_offsetsModel = nullptr;
    QTableView* m_configView = nullptr;
    QTableView* m_offsetsView = nullptr;
    std::unique_ptr<connectdesk::observe::InternalTopicReader> m_configReader;
    std::unique_ptr<connectdesk::observe::InternalTopicReader> m_offsetsReader;
    QString m_configState;
    QString m_offsetsState;
};

} // namespace connectdesk::ui::observe
