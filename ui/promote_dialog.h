// Copies a connector to another cluster (typically the embedded worker → a remote one): pick the
// target, optionally rename and adjust the config, which the target validates first
// (spec/connect-rest-api.md §4.23, errors shown per field, nothing created when invalid); then
// POST /connectors (§4.4), and when the name exists there (409) an offer to overwrite with
// PUT …/config (§4.8). The outcome, including the connector's state on the target, stays visible.
#pragma once

#include "client/cluster_client.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace connectdesk::ui {

struct PromoteTarget {
    QString id;
    QString name;
};

class PromoteDialog : public QDialog {
    Q_OBJECT
public:
    // `clientFor` gives the client of a target id when the promotion starts (null: not connected).
    PromoteDialog(const QString& sourceCluster, const QString& connector,
                  const client::ConnectorConfig& config, const QList<PromoteTarget>& targets,
                  std::function<client::ClusterClient*(const QString&)> clientFor, QWidget* parent = nullptr);

    void setTarget(const QString& id);
    QString targetId() const;
    void setNewName(const QString& name);
    QString newName() const;
    // Changes (or adds) one config value before promoting.
    void setValue(const QString& key, const QString& value);
    client::ConnectorConfig config() const;
    QString errorFor(const QString& key) const;
    QString resultText() const;
    bool busy() const { return m_busy; }
    QPushButton* promoteButton() const { return m_promote; }
    QPushButton* overwriteButton() const { return m_overwrite; }

    // Validate on the target, then create.
    void promote();
    // After a 409 "already exists": replace the existing connector's config.
    void overwrite();

Q_SIGNALS:
    void validated(int errorCount);
    // The name exists on the target; overwrite() is offered.
    void conflict();
    // Created or overwritten (ok) or not; `targetId` says where.
    void promoted(bool ok, const QString& message, const QString& targetId);

private:
    void setBusy(bool busy, const QString& text = {});
    void showResult(bool ok, const QString& text);
    // Creates `checked`, the configuration the target just validated.
    void create(const client::ConnectorConfig& checked);
    void watchState(const QString& verb);
    void clearErrors();
    int rowOf(const QString& key) const;

    QString m_connector;
    std::function<client::ClusterClient*(const QString&)> m_clientFor;
    QPointer<client::ClusterClient> m_client; // the target's, during one promotion
    QComboBox* m_target = nullptr;
    QLineEdit* m_name = nullptr;
    QTableWidget* m_config = nullptr;
    QLabel* m_result = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_promote = nullptr;
    QPushButton* m_overwrite = nullptr;
    QTimer* m_watch = nullptr;
    int m_watchLeft = 0;
    bool m_busy = false;
    // Each promote() starts a new attempt; answers of an earlier one (the state watch of the last
    // promotion, say) are dropped.
    int m_attempt = 0;
    // What the target validated in this attempt: created, or overwritten after a conflict, as is.
    // Edited since, it must be checked again (promote()).
    client::ConnectorConfig m_checked;
};

} // namespace connectdesk::ui
