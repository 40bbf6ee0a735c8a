// A worker's logger levels (admin/loggers, §4.24): listed with when they last changed, and changed
// at runtime, on one worker or (Apache 3.7+ distributed clusters) the whole cluster.
#pragma once

#include "client/cluster_client.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace connectdesk::ui {

class LoggersDialog : public QDialog {
    Q_OBJECT
public:
    LoggersDialog(client::ClusterClient* client, const QString& clusterTitle, QWidget* parent = nullptr);

    // For tests: the listed loggers and their levels; the message under the table.
    QStringList loggerNames() const;
    QString levelOf(const QString& logger) const;
    QString messageText() const;

public Q_SLOTS:
    void reload();
    // Sets `logger` (a name or a namespace prefix such as org.apache.kafka.connect) to `level`.
    void setLevel(const QString& logger, const QString& level);

Q_SIGNALS:
    void settled();

private:
    void showMessage(bool ok, const QString& text);
    // Reads the levels; with `logger` set, reads again every kPollMs (up to kWaitMs) until it
    // shows `level`: a whole-cluster change is applied by each worker after the request returns.
    void load(const QString& logger, const QString& level, int attemptsLeft);
    static constexpr int kPollMs = 250;
    static constexpr int kWaitMs = 10000;
    // Answers of an older load are dropped: only the newest reading is shown.
    int m_generation = 0;

    QPointer<client::ClusterClient> m_client;
    QTableWidget* m_table = nullptr;
    QLineEdit* m_newLogger = nullptr;
    QComboBox* m_newLevel = nullptr;
    QCheckBox* m_clusterScope = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace connectdesk::ui
