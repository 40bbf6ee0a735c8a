// A connector's offsets (KIP-875): view them on any cluster; alter or reset them once the connector
// is STOPPED, which the dialog offers to do first. Every change goes through the cluster client.
#pragma once

#include "client/cluster_client.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace connectdesk::ui {

class OffsetsDialog : public QDialog {
    Q_OBJECT
public:
    OffsetsDialog(client::ClusterClient* client, const QString& connector, QWidget* parent = nullptr);

    // The connector's state as last read (RUNNING, STOPPED, ...), empty until known.
    QString connectorState() const { return m_state; }
    int rowCount() const;
    // Partition and offset of a row as compact JSON ("null" for a null offset).
    QString partitionText(int row) const;
    QString offsetText(int row) const;
    // Edits the offset of a row (JSON object or null), as a user typing in the table would.
    void setOffsetText(int row, const QString& json);
    QString messageText() const;

public Q_SLOTS:
    void reload();
    void stopConnector();
    // PATCH the edited rows; invalid JSON is reported at the row and nothing is sent.
    void applyChanges();
    // DELETE all offsets (the caller confirms; the button asks first).
    void resetAll();

Q_SIGNALS:
    // Something changed on the cluster (stop, alter, reset), with the words shown to the user.
    void changed(const QString& message);
    // Loading or an action finished (ok or not): for tests and progress.
    void settled();

private:
    // The answer to an alter or reset: its message shown, then the offsets read again.
    void changeDone(const client::Result<QString>& r);
    // After a stop request: the worker stops the connector after answering, so its status is read
    // again every kStopPollMs until it says STOPPED (or kStopWaitMs passed), then everything is
    // reloaded. Only then may offsets be altered.
    void awaitStopped(int attemptsLeft);
    static constexpr int kStopPollMs = 250;
    static constexpr int kStopWaitMs = 15000;
    void setBusy(bool busy);
    void showMessage(bool ok, const QString& text);
    void updateButtons();

    QPointer<client::ClusterClient> m_client;
    QString m_connector;
    QString m_state;
    client::ConnectorOffsets m_loaded;
    bool m_busy = false;
    // Replies of an older reload() are dropped: only the newest reading is shown.
    int m_reloadGeneration = 0;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_reload = nullptr;
};

} // namespace connectdesk::ui
